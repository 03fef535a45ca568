package io.maskstudio.runs;

import io.maskstudio.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a sweep folder holds so far: the finished cells' results, in cell order, and the cells still missing. */
public record SweepResults(List<SweepResult> finished, List<SweepCell> missing) {

    public SweepResults {
        finished = List.copyOf(finished);
        missing = List.copyOf(missing);
    }

    public static SweepResults collect(Path sweepDir, SweepPlan plan) throws IOException {
        List<SweepResult> done = new ArrayList<>();
        List<SweepCell> missing = new ArrayList<>();
        for (SweepCell c : plan.cells()) {
            Optional<SweepResult> r = SweepResult.read(sweepDir, c);
            if (r.isPresent()) done.add(r.get());
            else missing.add(c);
        }
        return new SweepResults(done, missing);
    }

    public String csv() {
        StringBuilder sb = new StringBuilder(SweepLayout.RESULTS_HEADER).append('\n');
        for (SweepResult r : finished) sb.append(r.csvRow()).append('\n');
        return sb.toString();
    }

    public void writeCsv(Path file) throws IOException {
        AtomicFiles.writeBytes(file, csv().getBytes(StandardCharsets.UTF_8));
    }
}
