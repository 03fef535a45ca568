package io.maskstudio.cli;

import io.maskstudio.model.OptimizerKind;

import java.util.Iterator;

/** The optimizer names for picocli's help ({@code ${COMPLETION-CANDIDATES}}), read from {@link OptimizerKind}. */
final class OptimizerIds implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return OptimizerKind.ids().iterator();
    }
}
