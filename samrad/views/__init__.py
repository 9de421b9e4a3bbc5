"""The samråd pages, by who uses them: professional (their own requests), coordinator
(inbox, week, meetings, statistics, audit log, prints), case (the coordinator's case page
and its state changes) and representative (a party's representative)."""
