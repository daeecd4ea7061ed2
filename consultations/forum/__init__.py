"""The multi-stakeholder forum of a country: members, rules, meetings, proposals."""
