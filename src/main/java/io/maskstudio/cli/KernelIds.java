package io.maskstudio.cli;

import io.maskstudio.engine.KernelType;

import java.util.Iterator;

/** The kernel names for picocli's help ({@code ${COMPLETION-CANDIDATES}}), read from {@link KernelType}. */
final class KernelIds implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return KernelType.ids().iterator();
    }
}
