# Events and registrations for the IMRF and regional review meetings arrive with their own
# issue; the stakeholder categories they use are reference data in `reviews`.
