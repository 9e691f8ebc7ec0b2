"""Peers of the lifecycle benchmark: the same workload built the way another team would."""
