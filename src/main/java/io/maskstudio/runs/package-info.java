/**
 * Run folders: what one training run leaves on disk, written the same way by the command line and the app
 * ({@link io.maskstudio.runs.RunRecorder}) and read back by both ({@link io.maskstudio.runs.RunFolder}). The layout
 * is in {@link io.maskstudio.runs.RunLayout} and README.md. May use model, data, io and engine; used by cli and ui.
 * No JavaFX, no ND4J (engine types are read through their plain-Java accessors).
 */
package io.maskstudio.runs;
