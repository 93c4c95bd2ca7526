/**
 * Shadowgate's configuration: YAML plus environment variables, read into immutable records and
 * validated once, at load, so the rest of the gateway never sees an invalid value.
 *
 * <p>Reading goes in three steps. {@link io.shadowgate.config.YamlTreeReader} turns the text
 * into a small tree that keeps every scalar exactly as written and numbers each node in document
 * order. A {@link io.shadowgate.config.ConfigNode} per section then reads typed values, expanding
 * {@code ${VAR}} references from the injected environment, and records every problem in a shared
 * {@link io.shadowgate.config.ConfigErrors} instead of stopping at the first. Finally the loader
 * reports keys nobody asked for and throws one {@link io.shadowgate.config.ConfigException}
 * listing all problems in the order they appear in the file.
 *
 * <p>Adding a section means writing one {@code *Section} class that reads a {@code ConfigNode}
 * into a record and calling it from {@link io.shadowgate.config.ShadowgateSection}.
 */
package io.shadowgate.config;
