/** Small JavaFX helpers shared by the UI: background tasks and the raster-blitting region. */
package io.maskstudio.ui.fx;
