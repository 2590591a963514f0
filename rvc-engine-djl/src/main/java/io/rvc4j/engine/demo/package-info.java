/** Random-weight demo models for the README's first command; never a substitute for trained weights. */
package io.rvc4j.engine.demo;
