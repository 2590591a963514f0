/** The RunPod serverless adapter: RunPod's worker protocol over the cover and conversion use cases. */
package io.rvc4j.adapter.runpod;
