"""The contradiction verdict: contradicts / agrees / unrelated for a pair of claims."""
