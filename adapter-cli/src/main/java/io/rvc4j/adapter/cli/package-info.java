/** The picocli terminal adapter: parse, build the command record, call the use case, print. */
package io.rvc4j.adapter.cli;
