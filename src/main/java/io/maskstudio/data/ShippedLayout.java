package io.maskstudio.data;

/** How a shipped dataset file lays out its first line, its features and its label (see resources/datasets/NOTICE.md). */
enum ShippedLayout {
    /** scikit-learn's layout: first line {@code rows,features,className0,className1,...}; then features and the label index last. */
    COUNTS_AND_CLASS_NAMES_LABEL_LAST,
    /** No header line; features then the label index last. */
    NO_HEADER_LABEL_LAST,
    /** A header line of column names ({@code label,px0,...}); the label index first, then the features. */
    COLUMN_NAMES_LABEL_FIRST
}
