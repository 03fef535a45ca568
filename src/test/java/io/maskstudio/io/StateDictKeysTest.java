package io.maskstudio.io;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The names must match what load_model.py and torch.nn.utils.prune use: modules numbered from 1. */
class StateDictKeysTest {
    @Test
    void pairZeroIsFc1() {
        assertEquals("fc1.weight", StateDictKeys.weight(0));
        assertEquals("fc1.bias", StateDictKeys.bias(0));
        assertEquals("fc1.weight_mask", StateDictKeys.weightMask(0));
    }

    @Test
    void laterPairsCountOnInDecimal() {
        assertEquals("fc3.weight_mask", StateDictKeys.weightMask(2));
        assertEquals("fc12.bias", StateDictKeys.bias(11));
        assertEquals("fc10.weight", StateDictKeys.weight(9));
    }

    @Test
    void negativePairIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> StateDictKeys.weightMask(-1));
    }
}
