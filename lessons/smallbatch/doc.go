// Package smallbatch is the lesson "Small batches: LayerNorm and
// GroupNorm" (id small-batches): it measures how noisy BN's batch
// statistics get as the batch shrinks, shows that a batch of one cannot be
// normalised in training mode, and compares BN with LayerNorm and
// GroupNorm, whose statistics do not depend on the batch.
//
// Sources: Ba et al. 2016 (LayerNorm); Wu & He 2018 (GroupNorm).
package smallbatch
