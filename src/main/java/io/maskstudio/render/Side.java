package io.maskstudio.render;

/** The two layers of a bipartite view: SOURCE = the mask's input side (left), TARGET = its output side (right). */
public enum Side { SOURCE, TARGET }
