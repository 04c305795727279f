-- Why a change's author ($1, with the source's account type $2) is a bot, in words; '' when it is not:
-- the source says so (GitHub's user type Bot), the login ends in [bot] (GitHub Apps), or it matches
-- one of metrics.bot_authors (globs, case-insensitive). Whether bots are left out is the caller's
-- business (fragment exclude_bots, metrics.exclude_bots).
multiIf(lower({{$2}}) = 'bot', concat('its source gives the account type ', {{$2}}),
        endsWith(lower({{$1}}), '[bot]'), 'its login ends in [bot]',
        {{has_bot_patterns}} = 1 AND match(lower({{$1}}), {{bot_regex}}), concat('it matches metrics.bot_authors (', {{bot_authors_text}}, ')'),
        '')
