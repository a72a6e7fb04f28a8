"""The buyer's side: the task list to write an opportunity, publish, correct, extend, cancel, open bids."""
