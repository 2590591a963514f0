/** Neural f0 estimators (RMVPE, CREPE) on DJL, and the composite extractor that dispatches and mixes pitch methods. */
package io.rvc4j.engine.pitch;
