-- The tasks the retention task replaced (issue 16) left their rows behind in databases made
-- before it: nothing claims them any more, and they read as overdue to an operator.
DELETE FROM periodic_tasks WHERE name IN ('ticket-sweep', 'notifications-housekeeping');
