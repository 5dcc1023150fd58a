"""Natural-language stages: the spaCy model, entities, quotes, attributed claims, speakers."""
