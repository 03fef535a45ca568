/**
 * The building blocks of sparse training methods that change a mask while it trains (SET, RigL, gradual magnitude
 * pruning): when to update ({@link io.maskstudio.engine.sparse.DropSchedule}, {@link io.maskstudio.engine.sparse.GmpSchedule})
 * and which connections to drop and grow ({@link io.maskstudio.engine.sparse.DropGrow}), with the grow scores of a
 * huge pair streamed in row blocks ({@link io.maskstudio.engine.sparse.RowBlockScores}) so the dense gradient is never
 * held whole; and lottery tickets between trainings ({@link io.maskstudio.engine.sparse.LotteryPruning},
 * {@link io.maskstudio.engine.sparse.LotteryTickets}). Plain arithmetic on masks and weight arrays except
 * {@link io.maskstudio.engine.sparse.GradientBlocks}, which computes the dense gradient blocks with ND4J.
 */
package io.maskstudio.engine.sparse;
