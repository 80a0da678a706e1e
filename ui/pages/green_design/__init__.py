"""The Green design page: scorecards, the green design index and the improvement suggestions."""
