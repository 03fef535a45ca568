package io.maskstudio.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Datasets#loadWithTest}: the data and its held-out test set, numbered alike. */
class DatasetsWithTestTest {

    @Test
    void aTestFileWithoutSomeClassKeepsTheTrainingDataNumbering(@TempDir Path tmp) throws Exception {
        Path train = tmp.resolve("train.csv");
        Files.writeString(train, "x,label\n1,ant\n2,bee\n3,cat\n4,ant\n");
        Path test = tmp.resolve("test.csv");
        // Alone, this file would number bee 0 and cat 1
        Files.writeString(test, "x,label\n5,cat\n6,bee\n7,cat\n");
        Datasets.DataWithTest d = Datasets.loadWithTest(train.toString(), test.toString(), 1, LabelColumn.last());
        assertEquals(List.of("ant", "bee", "cat"), d.data().classNames());
        assertEquals(List.of("ant", "bee", "cat"), d.test().classNames());
        assertArrayEquals(new int[]{2, 1, 2}, d.test().y());
        assertArrayEquals(new float[]{5, 6, 7}, d.test().x());
    }

    @Test
    void withoutATestFileThereIsNoTestSet() throws Exception {
        Datasets.DataWithTest d = Datasets.loadWithTest("digits", null, 1, LabelColumn.last());
        assertNull(d.test());
        assertEquals(1797, d.data().rows());
    }

    @Test
    void aTestSetThatDoesNotFitTheDataIsRefusedNamingTheFile(@TempDir Path tmp) throws Exception {
        Path train = tmp.resolve("train.csv");
        Files.writeString(train, "a,b,label\n1,2,x\n3,4,y\n");
        Path wide = tmp.resolve("wide.csv");
        Files.writeString(wide, "a,b,c,label\n1,2,3,x\n3,4,5,y\n");
        DataException features = assertThrows(DataException.class, () -> Datasets.loadWithTest(train.toString(), wide.toString(), 1, LabelColumn.last()));
        assertTrue(features.getMessage().startsWith(wide.toString()) && features.getMessage().contains("3 features, expected 2"), features.getMessage());

        Path stranger = tmp.resolve("stranger.csv");
        Files.writeString(stranger, "a,b,label\n1,2,x\n3,4,z\n");
        DataException label = assertThrows(DataException.class, () -> Datasets.loadWithTest(train.toString(), stranger.toString(), 1, LabelColumn.last()));
        assertTrue(label.getMessage().startsWith(stranger.toString()) && label.getMessage().contains("'z'")
                && label.getMessage().contains("[x, y]"), label.getMessage());

        Path broken = tmp.resolve("broken.csv");
        Files.writeString(broken, "a,b,label\n1,2,x\n3,oops,y\n");
        DataException parse = assertThrows(DataException.class, () -> Datasets.loadWithTest(train.toString(), broken.toString(), 1, LabelColumn.last()));
        assertTrue(parse.getMessage().contains("broken.csv") && parse.getMessage().contains("line 3"), parse.getMessage());
    }
}
