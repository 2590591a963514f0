/** RVC's FAISS feature retrieval (k = 8 neighbours, inverse-square-distance weights) on DJL. */
package io.rvc4j.engine.retrieval;
