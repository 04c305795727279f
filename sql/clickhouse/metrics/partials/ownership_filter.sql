-- The caller's team and service filters, for rows that carry service and team.
({{team}} = '' OR team = {{team}}) AND ({{service}} = '' OR service = {{service}})
