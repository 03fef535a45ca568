/**
 * The window's shell: open, save, import, export, autosave and recovery, recent files, dialogs and the status
 * line. File work runs in the background; results come back on the FX thread.
 */
package io.maskstudio.ui.shell;
