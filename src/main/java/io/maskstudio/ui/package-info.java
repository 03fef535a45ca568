/**
 * The JavaFX desktop application: the main window and its actions. The only place of {@code javafx.*}; it
 * observes the model and sends the trainer commands, never the other way round.
 */
package io.maskstudio.ui;
