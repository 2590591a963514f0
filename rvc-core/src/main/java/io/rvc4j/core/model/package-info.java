/** Domain values: audio, parameters and model descriptions, each a record or final class that cannot be invalid. */
package io.rvc4j.core.model;
