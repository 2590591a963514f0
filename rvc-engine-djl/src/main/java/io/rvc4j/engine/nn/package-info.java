/** Building blocks the networks share: state dicts as checked NDArrays on a model's manager. */
package io.rvc4j.engine.nn;
