#!/usr/bin/env python3
"""An independent client of rvc4j's HTTP streaming API (docs/http-api.md), written with Debian's python3-requests
and python3-websockets. It follows the seed's protocol: POST /convert/stream, connect to websocket_url, send the JSON
parameters, then binary PCM chunks, then {"type": "end"}; it collects every message until the server closes.

    ws_client.py BASE_URL --setup '{"model_name": "alice"}' --params '{}' --input in.s16le --output out.s16le
                 [--chunk-bytes 3200] [--ws-path /ws/<id>] [--audio-first]

The audio is sent once the server's ready message arrives. --ws-path connects to a given path without the setup
request (for an unknown or used session id); --audio-first sends one chunk before the parameters (a protocol error the
server must answer).

Prints one JSON object on stdout: the setup response, every text message the socket received (parsed), how many
binary messages and bytes came back, and the close code. Exit status 0 when the exchange ran (whatever the server
answered: the caller judges), 2 when the modules are missing, 1 on a transport failure.
"""
import argparse
import asyncio
import json
import sys

try:
    import requests
    import websockets
except ImportError as e:  # the caller turns this into a clear test failure
    print(f"missing Python module: {e.name} (Debian: apt-get install python3-websockets python3-requests)",
          file=sys.stderr)
    sys.exit(2)


async def stream(ws_url, params, pcm, chunk_bytes, audio_first=False):
    report = {"text": [], "binary_messages": 0, "output_bytes": 0, "close_code": None}
    out = bytearray()
    async with websockets.connect(ws_url, max_size=None) as ws:
        sent_audio = audio_first
        try:
            if audio_first:  # breaks the protocol on purpose: the server must answer an error
                await ws.send(pcm[:chunk_bytes])
            await ws.send(json.dumps(params))
        except websockets.exceptions.ConnectionClosed:
            pass  # the server refused the session (unknown id) or the audio; its messages are still read below
        while True:
            try:
                m = await ws.recv()
            except websockets.exceptions.ConnectionClosed:
                break
            if isinstance(m, bytes):
                report["binary_messages"] += 1
                out += m
                continue
            message = json.loads(m)
            report["text"].append(message)
            if not sent_audio and message.get("type") == "ready":
                sent_audio = True
                for i in range(0, len(pcm), chunk_bytes):
                    await ws.send(pcm[i:i + chunk_bytes])
                await ws.send(json.dumps({"type": "end"}))
        report["close_code"] = ws.close_code
    report["output_bytes"] = len(out)
    return report, bytes(out)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("base_url")
    p.add_argument("--setup", default="{}")
    p.add_argument("--params", default="{}")
    p.add_argument("--input", required=True)
    p.add_argument("--output", required=True)
    p.add_argument("--chunk-bytes", type=int, default=3200)
    p.add_argument("--ws-path", help="connect to this path (e.g. /ws/<id>) instead of asking POST /convert/stream")
    p.add_argument("--audio-first", action="store_true", help="send one audio chunk before the parameters")
    a = p.parse_args()

    if a.ws_path:
        result = {"setup_status": None, "setup": None}
        ws_path = a.ws_path
    else:
        setup = requests.post(a.base_url + "/convert/stream", json=json.loads(a.setup), timeout=30)
        result = {"setup_status": setup.status_code, "setup": setup.json()}
        ws_path = result["setup"].get("websocket_url") if setup.status_code == 200 else None
    if ws_path:
        ws_url = a.base_url.replace("http://", "ws://", 1) + ws_path
        with open(a.input, "rb") as f:
            pcm = f.read()
        report, out = asyncio.run(stream(ws_url, json.loads(a.params), pcm, a.chunk_bytes, a.audio_first))
        result.update(report)
        with open(a.output, "wb") as f:
            f.write(out)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
