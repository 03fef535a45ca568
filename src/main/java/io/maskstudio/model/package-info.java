/**
 * The plain-Java core: layers, {@link io.maskstudio.model.Mask} ({@code [out, in]} connectivity), the design,
 * generators, statistics and reachability. Depends on nothing else of the project, and on no library.
 */
package io.maskstudio.model;
