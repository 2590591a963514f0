"""Drive rvc4j's local RunPod API (rvc-runpod --rp_serve_api) with RunPod's own Python client, unchanged.

The `runpod` package is not in this project's wheel mirror (it needs aiohttp-retry, InquirerPy and tqdm-loggable),
and `import runpod` pulls in the whole SDK. The client itself (runpod/endpoint/runner.py + helpers.py) only needs
`requests`. So this script imports exactly those two files from a runpod-python checkout whose path it takes from
RUNPOD_PYTHON_SRC, registering bare parent packages that carry the two globals the client reads (`api_key`,
`endpoint_url_base`), as `runpod.api_key = ...; runpod.endpoint_url_base = ...` would set them. No SDK code is copied.

Usage:  RUNPOD_PYTHON_SRC=/path/to/runpod-python python official_client_check.py http://127.0.0.1:8000
Prints one JSON object describing what each client call returned; adapter-runpod's OfficialClientIT asserts on it.
"""
import base64
import io
import json
import math
import os
import struct
import subprocess
import sys
import types
import wave


def load_client(src, base_url):
    runpod = types.ModuleType("runpod")
    runpod.__path__ = [os.path.join(src, "runpod")]
    runpod.api_key = "local-key"
    runpod.endpoint_url_base = base_url
    sys.modules["runpod"] = runpod
    endpoint = types.ModuleType("runpod.endpoint")
    endpoint.__path__ = [os.path.join(src, "runpod", "endpoint")]
    sys.modules["runpod.endpoint"] = endpoint
    import runpod.endpoint.runner as runner  # the real file from the checkout
    return runner


def wav_b64(rate, channels, seconds, hz):
    frames = int(rate * seconds)
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        data = b"".join(struct.pack("<h", int(16000 * math.sin(2 * math.pi * hz * i / rate))) * channels
                        for i in range(frames))
        w.writeframes(data)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def main():
    base_url = sys.argv[1]
    src = os.environ["RUNPOD_PYTHON_SRC"]
    runner = load_client(src, base_url)
    commit = subprocess.run(["git", "-C", src, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    endpoint = runner.Endpoint("local-endpoint")
    out = {"runpod_python_commit": commit}

    out["health_check"] = endpoint.run_sync({"operation": "health_check"}, timeout=60)

    job = endpoint.run({"operation": "list_models"})
    out["run_job_id"] = job.job_id
    out["list_models"] = job.output(timeout=60)
    out["list_models_status"] = job.status()

    cover = endpoint.run_sync({"operation": "generate_cover_from_separate_audio", "params": {
        "voice_audio": wav_b64(16000, 1, 0.5, 440),
        "instrument_audio": wav_b64(44100, 2, 0.5, 110),
        "voice_model": "alice", "pitch_adjust": 2, "index_rate": 0.5, "f0_method": "rmvpe",
        "output_format": "wav"}}, timeout=60)
    audio = base64.b64decode(cover.pop("output_audio"))
    out["cover"] = cover
    out["cover_audio_bytes"] = len(audio)
    out["cover_audio_riff"] = audio[:4].decode("latin-1")

    out["failed_run_sync"] = endpoint.run_sync({"operation": "generate_cover_from_separate_audio", "params": {
        "voice_audio": "AAAA", "instrument_audio": "AAAA", "voice_model": "nobody"}}, timeout=60)
    failed = endpoint.run({"operation": "nope"})
    out["failed_output"] = failed.output(timeout=60)
    out["failed_status"] = failed.status()

    out["health"] = endpoint.health()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
