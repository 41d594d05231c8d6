"""The data model: what a source, claimant, metric, observation, event and place is, the field
types that validate them, and the Dataset that holds one build's valid rows. No I/O."""
