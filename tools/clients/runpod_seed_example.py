#!/usr/bin/env python3
"""The Python client example of the AICoverGen RunPod seed (aicovergen-runpod-api.md, "Python 클라이언트 예제"),
unchanged except that the two placeholders come from the command line:

    runpod_seed_example.py ENDPOINT VOICE_MODEL      (reads voice.wav and instrument.wav from the working directory)

ENDPOINT is "YOUR_RUNPOD_ENDPOINT" in the seed; against rvc4j's local API it is http://HOST:PORT/runsync, which
accepts the seed's bare payload (docs/runpod.md). Needs Debian's python3-requests.
"""
import sys

import requests
import base64
import json

YOUR_RUNPOD_ENDPOINT = sys.argv[1]
your_model_name = sys.argv[2]

# Encode the vocal and instrumental audio files as base64
with open("voice.wav", "rb") as f:
    voice_base64 = base64.b64encode(f.read()).decode('utf-8')

with open("instrument.wav", "rb") as f:
    instrument_base64 = base64.b64encode(f.read()).decode('utf-8')

# API request
payload = {
    "operation": "generate_cover_from_separate_audio",
    "params": {
        "voice_audio": voice_base64,
        "instrument_audio": instrument_base64,
        "voice_model": your_model_name,
        "pitch_adjust": 0,
        "index_rate": 0.5,
        "f0_method": "rmvpe",
        "output_format": "mp3"
    }
}

# Call the RunPod API
response = requests.post(YOUR_RUNPOD_ENDPOINT, json=payload)
result = response.json()

if result.get("success"):
    # Save the output audio
    audio_data = base64.b64decode(result["output_audio"])
    with open(result["filename"], "wb") as f:
        f.write(audio_data)
    print("Cover generated successfully!")
else:
    print(f"Error: {result.get('error')}")
