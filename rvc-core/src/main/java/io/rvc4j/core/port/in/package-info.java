/** In-ports: one use case per interface, each taking a command record; the adapters call only these. */
package io.rvc4j.core.port.in;
