package io.maskstudio.cli;

import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = MaskStudioCommand.class.getPackage().getImplementationVersion();
        return new String[]{"MaskStudio " + (v == null ? "development build" : v)};
    }
}
