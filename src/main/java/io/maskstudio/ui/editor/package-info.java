/**
 * The connectivity editor: bipartite and matrix views, the layer strip, generators, statistics; gestures become
 * undoable edits of the open document.
 */
package io.maskstudio.ui.editor;
