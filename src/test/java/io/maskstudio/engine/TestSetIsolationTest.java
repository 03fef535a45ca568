package io.maskstudio.engine;

import io.maskstudio.data.Dataset;
import io.maskstudio.data.Datasets;
import io.maskstudio.model.Activation;
import io.maskstudio.model.NetworkDesign;
import io.maskstudio.model.TrainingSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The held-out test set: never in a batch, standardized with the training split's statistics, evaluated on demand only. */
class TestSetIsolationTest {
    /** Raw test rows carry this in feature 0 (training rows are near 0..2), so they are recognisable after standardization. */
    static final float MARKER = 1000;

    static Dataset markedTestRows(int rows) {
        Dataset d = TrainingSessionTest.blobs(rows, 99);
        float[] x = d.x().clone();
        for (int r = 0; r < rows; r++) x[r * d.features()] = MARKER + r;
        return d.withFeatures(x);
    }

    private static SessionLoader.PreparedData prepare(Dataset data, Dataset test, double valFraction) {
        NetworkDesign d = TrainingSessionTest.design("adam", 0.02);
        TrainingSettings s = d.settings().withValidationFraction(valFraction);
        return SessionLoader.PreparedData.of(new Datasets.DataWithTest(data, test), s);
    }

    @Test
    void noBatchEverHoldsATestRowAndEveryTrainingRowIsTrainedOnEachEpoch() throws Exception {
        Dataset data = TrainingSessionTest.blobs(240, 1);
        SessionLoader.PreparedData prepared = prepare(data, markedTestRows(60), 0.25);
        NetworkDesign d = TrainingSessionTest.design("adam", 0.02);
        TrainingSession session = prepared.session(d);
        // A standardized test row's feature 0 lies far above every training row's: the smallest marked value, standardized
        float testFloor = prepared.test().x()[0];
        for (int r = 1; r < 60; r++) testFloor = Math.min(testFloor, prepared.test().x()[r * 6]);
        float trainCeiling = Float.NEGATIVE_INFINITY;
        Dataset trainRows = prepared.split().train();
        for (int r = 0; r < trainRows.rows(); r++) trainCeiling = Math.max(trainCeiling, trainRows.x()[r * 6]);
        assertTrue(testFloor > trainCeiling + 10, "test rows distinguishable: " + testFloor + " vs " + trainCeiling);

        List<float[]> batches = new ArrayList<>();
        session.inspectBatchInputs(batches::add);
        for (int e = 0; e < 3; e++) session.runEpoch();
        long rowsSeen = 0;
        for (float[] b : batches) {
            for (int r = 0; r < b.length / 6; r++) {
                assertTrue(b[r * 6] <= trainCeiling, "a batch held a test row (feature 0 = " + b[r * 6] + ")");
                rowsSeen++;
            }
        }
        assertEquals(3L * 180, rowsSeen, "every training row, and only those, in each of the 3 epochs");
        for (Dataset other : List.of(session.train(), session.validation())) {
            for (int r = 0; r < other.rows(); r++) assertTrue(other.x()[r * 6] <= trainCeiling, "no test row in " + other.rows() + " rows");
        }
        assertEquals(240, session.train().rows() + session.validation().rows());
    }

    @Test
    void theTestSetIsStandardizedWithTheTrainingRowsStatisticsOnly() {
        Dataset data = TrainingSessionTest.blobs(200, 3);
        Dataset test = markedTestRows(40);
        // val fraction 0: the training split is every data row, so a naive mean/std over `data` is the reference
        SessionLoader.PreparedData prepared = prepare(data, test, 0);
        int f = data.features();
        for (int c = 0; c < f; c++) {
            double sum = 0;
            for (int r = 0; r < data.rows(); r++) sum += data.x()[r * f + c];
            double mean = sum / data.rows();
            double sq = 0;
            for (int r = 0; r < data.rows(); r++) sq += Math.pow(data.x()[r * f + c] - mean, 2);
            double std = Math.sqrt(sq / data.rows()); // population std, as scikit-learn's StandardScaler
            for (int r = 0; r < test.rows(); r++) {
                double expected = (test.x()[r * f + c] - mean) / std;
                assertEquals(expected, prepared.test().x()[r * f + c], Math.abs(expected) * 1e-5 + 1e-4, "feature " + c + ", test row " + r);
            }
        }
        assertEquals(0, prepared.split().validation().rows(), "val fraction 0: every row is trained on");
        assertEquals(200, prepared.split().train().rows());
    }

    @Test
    void testMetricsComeOnlyAfterAnEpochAndMatchAnIndependentForwardPass() throws Exception {
        Dataset data = TrainingSessionTest.blobs(240, 1);
        SessionLoader.PreparedData prepared = prepare(data, TrainingSessionTest.blobs(90, 5), 0.25);
        TrainingSession session = prepared.session(TrainingSessionTest.design("adam", 0.02));
        assertNull(session.evaluateTest(), "nothing trained yet: no test metrics");
        for (int e = 0; e < 4; e++) session.runEpoch();
        TestMetrics t = session.evaluateTest();
        assertNotNull(t);
        assertEquals(4, t.epoch());
        assertEquals(90, t.rows());
        // The snapshot's plain-float forward pass (not ND4J) gives the same predictions
        NetworkDesign d = TrainingSessionTest.design("adam", 0.02);
        List<Activation> acts = new ArrayList<>();
        for (int k = 1; k < d.layerCount(); k++) acts.add(d.layer(k).activation());
        int[] predicted = SnapshotEvaluation.predict(session.snapshot(), acts, prepared.test().x(), 90);
        int correct = 0;
        for (int r = 0; r < 90; r++) if (predicted[r] == prepared.test().y()[r]) correct++;
        assertEquals(correct / 90.0, t.accuracy(), 1e-12);
        assertTrue(t.accuracy() > 0.8, "learnt: " + t.accuracy());
        assertTrue(t.loss() > 0 && Double.isFinite(t.loss()));
        // Evaluating changes nothing: the epoch metrics and the next batch are those of a session never tested
        TrainingSession twin = prepare(data, null, 0.25).session(TrainingSessionTest.design("adam", 0.02));
        for (int e = 0; e < 4; e++) twin.runEpoch();
        assertEquals(twin.runEpoch(), withSeconds(session.runEpoch(), twin.lastMetrics().seconds()));
    }

    private static EpochMetrics withSeconds(EpochMetrics m, double seconds) {
        return new EpochMetrics(m.epoch(), m.trainLoss(), m.trainAccuracy(), m.valLoss(), m.valAccuracy(), seconds);
    }
}
