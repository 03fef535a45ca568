package io.maskstudio.engine.sparse;

import io.maskstudio.engine.KernelType;
import io.maskstudio.engine.MaskedNetwork;
import io.maskstudio.model.Activation;
import io.maskstudio.model.LayerParameters;
import io.maskstudio.model.LayerSpec;
import io.maskstudio.model.Mask;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.SparseTraining.Scope;
import io.maskstudio.model.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lottery's rewind puts back exactly (bit for bit) the weights and biases saved at the rewind point, with pruned
 * connections +0.0 and optimizer state as fresh as a new network's, on every kernel; the controls keep the ticket's
 * per-pair counts; everything is seeded.
 */
class LotteryTicketsTest {
    private static final int[] SIZES = {12, 10, 8, 4};

    private static NetworkDesign design(long seed) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int k = 0; k < SIZES.length; k++) {
            layers.add(LayerSpec.vector("l" + k, SIZES[k], k == 0 ? Activation.IDENTITY : k == SIZES.length - 1 ? Activation.SOFTMAX : Activation.RELU));
        }
        List<Mask> masks = new ArrayList<>();
        for (int k = 0; k + 1 < SIZES.length; k++) {
            Mask m = new Mask(SIZES[k + 1], SIZES[k]);
            for (int o = 0; o < m.rows(); o++) for (int i = 0; i < m.cols(); i++) m.set(o, i, true);
            masks.add(m);
        }
        NetworkDesign d = new NetworkDesign(layers, masks, TrainingSettings.defaults("x"));
        d.setSettings(d.settings().withSeed(seed).withOptimizer("adam").withLearningRate(0.01));
        return d;
    }

    private static MaskedNetwork network(NetworkDesign d, List<Mask> masks, KernelType kernel, long seed) {
        NetworkDesign copy = d.copy();
        for (int k = 0; k < masks.size(); k++) copy.setMask(k, masks.get(k));
        return new MaskedNetwork(copy, DataType.FLOAT, "adam", 0.01, 0, seed, kernel);
    }

    private static void train(MaskedNetwork net, int steps, long seed) {
        Random r = new Random(seed);
        for (int s = 0; s < steps; s++) {
            float[] x = new float[16 * SIZES[0]];
            for (int k = 0; k < x.length; k++) x[k] = (float) r.nextGaussian();
            int[] y = new int[16];
            for (int k = 0; k < y.length; k++) y[k] = r.nextInt(SIZES[SIZES.length - 1]);
            INDArray in = Nd4j.createFromArray(x).reshape('c', 16, SIZES[0]);
            net.trainBatch(in, y, 0);
        }
    }

    @ParameterizedTest
    @EnumSource(value = KernelType.class, names = {"DENSE", "CSR", "SMALL"})
    void theRewindRestoresExactlyTheSavedWeightsAndBiases(KernelType kernel) {
        NetworkDesign d = design(7);
        MaskedNetwork level0 = network(d, d.masks(), kernel, 7);
        LotteryTickets tickets = new LotteryTickets(d, 0.2, Scope.PAIR, 7);
        train(level0, 5, 1); // "epoch k": the rewind point is trained weights, not the initialization
        tickets.saveRewindPoint(level0);
        // The reference, copied independently of what the lottery saved.
        List<float[]> savedW = new ArrayList<>(), savedB = new ArrayList<>();
        for (int k = 0; k < level0.layerCount(); k++) {
            savedW.add(level0.layer(k).weights());
            savedB.add(level0.layer(k).biases());
        }
        train(level0, 20, 2);
        tickets.pruneNext(level0);

        MaskedNetwork ticket = network(d, tickets.masks(LotteryBranch.TICKET), kernel, 99);
        train(ticket, 3, 3); // dirty weights, optimizer state and step counter before the rewind
        tickets.start(LotteryBranch.TICKET, ticket);
        for (int k = 0; k < ticket.layerCount(); k++) {
            Mask m = ticket.layer(k).mask();
            float[] w = ticket.layer(k).weights();
            long present = 0;
            for (int o = 0; o < m.rows(); o++) {
                for (int i = 0; i < m.cols(); i++) {
                    int at = o * m.cols() + i;
                    int expected = m.get(o, i) ? Float.floatToRawIntBits(savedW.get(k)[at]) : 0; // pruned: +0.0
                    assertEquals(expected, Float.floatToRawIntBits(w[at]), "pair " + k + " (" + o + "," + i + ")");
                    if (m.get(o, i)) present++;
                }
            }
            assertEquals(Math.round(SIZES[k] * SIZES[k + 1] * 0.8), present, "pair " + k + " keeps 80%");
            float[] b = ticket.layer(k).biases();
            for (int o = 0; o < b.length; o++) assertEquals(Float.floatToRawIntBits(savedB.get(k)[o]), Float.floatToRawIntBits(b[o]), "bias " + k + "," + o);
        }

        // Fresh optimizer state and step counter: a rewound network trains exactly like a new one rewound the same way.
        MaskedNetwork fresh = network(d, tickets.masks(LotteryBranch.TICKET), kernel, 5);
        tickets.start(LotteryBranch.TICKET, fresh);
        assertEquals(0, ticket.iteration());
        train(ticket, 2, 4);
        train(fresh, 2, 4);
        for (int k = 0; k < ticket.layerCount(); k++) {
            float[] a = ticket.layer(k).weights(), f = fresh.layer(k).weights();
            for (int at = 0; at < a.length; at++) assertEquals(Float.floatToRawIntBits(f[at]), Float.floatToRawIntBits(a[at]), "pair " + k + " @" + at);
            float[] ab = ticket.layer(k).biases(), fb = fresh.layer(k).biases();
            for (int o = 0; o < ab.length; o++) assertEquals(Float.floatToRawIntBits(fb[o]), Float.floatToRawIntBits(ab[o]), "bias " + k + "," + o);
        }
    }

    @Test
    void theControlsKeepTheTicketsPerPairCountsAndDifferOnlyWhereTheyShould() {
        NetworkDesign d = design(3);
        MaskedNetwork level0 = network(d, d.masks(), KernelType.AUTO, 3);
        LotteryTickets tickets = new LotteryTickets(d, 0.5, Scope.GLOBAL, 3);
        tickets.saveRewindPoint(level0);
        List<LayerParameters> init = level0.parameters();
        train(level0, 10, 1);
        tickets.pruneNext(level0);
        List<Mask> ticket = tickets.masks(LotteryBranch.TICKET);
        assertEquals(ticket, tickets.masks(LotteryBranch.REINIT), "reinit keeps the ticket's mask");
        List<Mask> random = tickets.masks(LotteryBranch.RANDOM_MASK);
        for (int k = 0; k < ticket.size(); k++) assertEquals(ticket.get(k).nnz(), random.get(k).nnz(), "pair " + k);
        assertNotEquals(ticket, random);

        MaskedNetwork reinit = network(d, ticket, KernelType.AUTO, 3);
        tickets.start(LotteryBranch.REINIT, reinit);
        float[] w = reinit.layer(0).weights();
        int same = 0, present = 0;
        for (int at = 0; at < w.length; at++) {
            if (!ticket.get(0).get(at / SIZES[0], at % SIZES[0])) continue;
            present++;
            if (w[at] == init.get(0).weight()[at]) same++;
        }
        assertEquals(0, same, "reinit draws other values than the rewind point (" + present + " present)");

        MaskedNetwork randomNet = network(d, random, KernelType.AUTO, 3);
        tickets.start(LotteryBranch.RANDOM_MASK, randomNet);
        float[] rw = randomNet.layer(1).weights();
        for (int at = 0; at < rw.length; at++) {
            boolean on = random.get(1).get(at / SIZES[1], at % SIZES[1]);
            assertEquals(on ? init.get(1).weight()[at] : 0f, rw[at], "random mask takes the rewind point's values @" + at);
        }
    }

    @Test
    void theSameSeedGivesTheSameTicketsAndControlsAndAnotherSeedOthers() {
        List<List<Mask>> runs = new ArrayList<>();
        List<float[]> reinit = new ArrayList<>();
        for (long seed : new long[]{11, 11, 12}) {
            NetworkDesign d = design(seed);
            MaskedNetwork level0 = network(d, d.masks(), KernelType.AUTO, seed);
            LotteryTickets tickets = new LotteryTickets(d, 0.2, Scope.PAIR, seed);
            tickets.saveRewindPoint(level0);
            train(level0, 10, 1);
            tickets.pruneNext(level0);
            List<Mask> all = new ArrayList<>(tickets.masks(LotteryBranch.TICKET));
            all.addAll(tickets.masks(LotteryBranch.RANDOM_MASK));
            runs.add(all);
            MaskedNetwork r = network(d, tickets.masks(LotteryBranch.REINIT), KernelType.AUTO, seed);
            tickets.start(LotteryBranch.REINIT, r);
            reinit.add(r.layer(0).weights());
        }
        assertEquals(runs.get(0), runs.get(1));
        assertTrue(Arrays.equals(reinit.get(0), reinit.get(1)));
        assertNotEquals(runs.get(0), runs.get(2));
        assertFalse(Arrays.equals(reinit.get(0), reinit.get(2)));
    }
}
