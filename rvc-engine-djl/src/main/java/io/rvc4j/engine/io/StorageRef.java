package io.rvc4j.engine.io;

import io.rvc4j.engine.io.TensorData.DType;

/**
 * A tensor storage named by a pickle's persistent id: which record holds the bytes, of what element type, how many
 * elements, starting at which byte (non-zero only for views in the legacy format).
 */
record StorageRef(String key, DType dtype, long numel, long byteOffset) {
}
