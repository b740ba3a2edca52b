-- One dossier's derived state with its owner's units.
SELECT * FROM dossier_state_units WHERE dossier_code = {code:String}
