/**
 * The {@code maskstudio} command line (picocli): train, convert, inspect, render, bench. The only package that
 * writes to the standard streams. May use every package but {@code ui}.
 */
package io.maskstudio.cli;
