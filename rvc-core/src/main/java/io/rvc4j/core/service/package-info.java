/** The use-case implementations: they orchestrate the out-ports so every adapter gets identical behaviour. */
package io.rvc4j.core.service;
