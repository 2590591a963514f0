/** RVC's reference inference pipeline on DJL: conditioning, chunking, features, retrieval, synthesis, finishing. */
package io.rvc4j.engine.pipeline;
