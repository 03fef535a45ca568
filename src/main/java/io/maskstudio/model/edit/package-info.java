/**
 * Undoable changes to a {@link io.maskstudio.model.NetworkDesign} and their history. Plain Java, like the rest
 * of the model; every user change is one {@link io.maskstudio.model.edit.Edit}.
 */
package io.maskstudio.model.edit;
