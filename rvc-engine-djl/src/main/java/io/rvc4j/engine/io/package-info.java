/** Readers of the ecosystem's files (PyTorch checkpoints, safetensors, NumPy, FAISS), with no code execution. */
package io.rvc4j.engine.io;
