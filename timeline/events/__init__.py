"""Events: sentences, entities, triggers, extraction, cross-document merge."""
