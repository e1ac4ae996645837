<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>BadRow</name>
    <message>
        <source>no customer id</source>
        <translation>pas d’identifiant client</translation>
    </message>
    <message>
        <source>the time cannot be read</source>
        <translation>la date et l’heure sont illisibles</translation>
    </message>
    <message>
        <source>no event name</source>
        <translation>pas de nom d’événement</translation>
    </message>
    <message>
        <source>wrong number of columns</source>
        <translation>mauvais nombre de colonnes</translation>
    </message>
    <message>
        <source>characters that are not in the file&apos;s encoding</source>
        <translation>des caractères hors de l’encodage du fichier</translation>
    </message>
    <message>
        <source>the line cannot be read</source>
        <translation>la ligne est illisible</translation>
    </message>
    <message>
        <source>the stage is not one of the map&apos;s</source>
        <translation>l’étape n’est pas une de celles de la carte</translation>
    </message>
    <message>
        <source>the NPS score is not a whole number from 0 to 10</source>
        <translation>la note NPS n’est pas un nombre entier de 0 à 10</translation>
    </message>
    <message>
        <source>the effort score is not a number on its scale</source>
        <translation>la note d’effort n’est pas un nombre de son échelle</translation>
    </message>
    <message>
        <source>the date cannot be read</source>
        <translation>la date est illisible</translation>
    </message>
</context>
<context>
    <name>BadRowsDialog</name>
    <message>
        <source>Rows that cannot be used</source>
        <translation>Lignes inutilisables</translation>
    </message>
    <message>
        <source>{bad} of {rows} rows cannot be used and would be left out. {good} rows can be imported.</source>
        <translation>{bad} lignes sur {rows} sont inutilisables et seraient laissées de côté. {good} lignes peuvent être importées.</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Raison</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Contenu</translation>
    </message>
    <message>
        <source>… and {count} more rows that cannot be used.</source>
        <translation>… et {count} autres lignes inutilisables.</translation>
    </message>
    <message>
        <source>Import the good rows</source>
        <translation>Importer les lignes valides</translation>
    </message>
</context>
<context>
    <name>BrandingBox</name>
    <message>
        <source>Client branding (cover and footers)</source>
        <translation>Identité visuelle du client (couverture et pieds de page)</translation>
    </message>
    <message>
        <source>Choose lo&amp;go…</source>
        <translation>Choisir un &amp;logo…</translation>
    </message>
    <message>
        <source>Remove logo</source>
        <translation>Retirer le logo</translation>
    </message>
    <message>
        <source>&amp;Accent colour…</source>
        <translation>Couleur d’&amp;accent…</translation>
    </message>
    <message>
        <source>No logo</source>
        <translation>Aucun logo</translation>
    </message>
    <message>
        <source>Choose the client&apos;s logo</source>
        <translation>Choisir le logo du client</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.webp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.gif *.webp)</translation>
    </message>
    <message>
        <source>Cannot use this image</source>
        <translation>Impossible d’utiliser cette image</translation>
    </message>
    <message>
        <source>Accent colour</source>
        <translation>Couleur d’accent</translation>
    </message>
</context>
<context>
    <name>Canvas</name>
    <message>
        <source>Choose a colour</source>
        <translation>Choisir une couleur</translation>
    </message>
    <message>
        <source>Edit text</source>
        <translation>Modifier le texte</translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation>Couleur…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renommer</translation>
    </message>
    <message>
        <source>Insert stage before</source>
        <translation>Insérer une étape avant</translation>
    </message>
    <message>
        <source>Insert stage after</source>
        <translation>Insérer une étape après</translation>
    </message>
    <message>
        <source>Delete stage</source>
        <translation>Supprimer l’étape</translation>
    </message>
    <message>
        <source>Insert lane below</source>
        <translation>Insérer un couloir en dessous</translation>
    </message>
    <message>
        <source>Suggest metrics…</source>
        <translation>Suggérer des indicateurs…</translation>
    </message>
    <message>
        <source>Delete lane</source>
        <translation>Supprimer le couloir</translation>
    </message>
    <message>
        <source>Add card here</source>
        <translation>Ajouter une fiche ici</translation>
    </message>
    <message>
        <source>Sort by votes</source>
        <translation>Trier par votes</translation>
    </message>
    <message>
        <source>The emotion lane holds its curve only: drop this card in another lane.</source>
        <translation>Le couloir des émotions ne porte que sa courbe : déposez cette fiche dans un autre couloir.</translation>
    </message>
    <message>
        <source>This lane shows measured figures: drop this card in another lane.</source>
        <translation>Ce couloir montre des chiffres mesurés : déposez cette fiche dans un autre couloir.</translation>
    </message>
    <message>
        <source>This card goes in a “{0}” lane.</source>
        <translation>Cette fiche va dans un couloir « {0} ».</translation>
    </message>
    <message>
        <source>New card: Enter adds it and opens the next</source>
        <translation>Nouvelle carte : Entrée l’ajoute et ouvre la suivante</translation>
    </message>
</context>
<context>
    <name>CardForm</name>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Not said</source>
        <translation>Non précisé</translation>
    </message>
    <message>
        <source>Channel is</source>
        <translation>Type de canal</translation>
    </message>
    <message>
        <source>Not rated</source>
        <translation>Non évaluée</translation>
    </message>
    <message>
        <source>1 · minor</source>
        <translation>1 · mineure</translation>
    </message>
    <message>
        <source>2 · serious</source>
        <translation>2 · majeure</translation>
    </message>
    <message>
        <source>3 · critical</source>
        <translation>3 · critique</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unité</translation>
    </message>
    <message>
        <source>Not said (higher is better)</source>
        <translation>Non précisé (plus haut, c’est mieux)</translation>
    </message>
    <message>
        <source>Higher is better</source>
        <translation>Plus haut, c’est mieux</translation>
    </message>
    <message>
        <source>Lower is better</source>
        <translation>Plus bas, c’est mieux</translation>
    </message>
    <message>
        <source>Within a range</source>
        <translation>Dans une fourchette</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Sens</translation>
    </message>
    <message>
        <source>Range from</source>
        <translation>De (fourchette)</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Cible</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Point de départ</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>e.g. Q3 2026, last 30 days</source>
        <translation>p. ex. T3 2026, 30 derniers jours</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Niveau de preuve</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Département</translation>
    </message>
    <message>
        <source>Written by</source>
        <translation>Écrite par</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créée le</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>Votes</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Couleur</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Par défaut</translation>
    </message>
    <message>
        <source>Back to the lane&apos;s usual card colour</source>
        <translation>Revenir à la couleur habituelle des fiches du couloir</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Non enregistré</translation>
    </message>
    <message>
        <source>Range to</source>
        <translation>À (fourchette)</translation>
    </message>
</context>
<context>
    <name>ChangesDialog</name>
    <message>
        <source>&amp;Highlight the changed cards on the map</source>
        <translation>&amp;Surligner les fiches modifiées sur la carte</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>{0} changes in {1} maps.</source>
        <translation>{0} changements dans {1} cartes.</translation>
    </message>
    <message>
        <source>{0} changes, in “{1}”.</source>
        <translation>{0} changements, dans «&#xa0;{1}&#xa0;».</translation>
    </message>
    <message>
        <source>One change, in “{0}”.</source>
        <translation>Un changement, dans «&#xa0;{0}&#xa0;».</translation>
    </message>
</context>
<context>
    <name>Choice</name>
    <message>
        <source>(several values)</source>
        <translation>(plusieurs valeurs)</translation>
    </message>
</context>
<context>
    <name>ColorButton</name>
    <message>
        <source>Choose a colour</source>
        <translation>Choisir une couleur</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>(several values)</source>
        <translation>(plusieurs valeurs)</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Couleur</translation>
    </message>
</context>
<context>
    <name>ColumnsPreviewDialog</name>
    <message>
        <source>Columns</source>
        <translation>Colonnes</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucune)</translation>
    </message>
    <message>
        <source>How the file is written</source>
        <translation>Format du fichier</translation>
    </message>
    <message>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <source>UTF-8 with byte-order mark</source>
        <translation>UTF-8 avec BOM (indicateur d’ordre des octets)</translation>
    </message>
    <message>
        <source>Windows-1252 (Western Europe, older Excel)</source>
        <translation>Windows-1252 (Europe occidentale, anciens Excel)</translation>
    </message>
    <message>
        <source>Semicolon ;</source>
        <translation>Point-virgule ;</translation>
    </message>
    <message>
        <source>Comma ,</source>
        <translation>Virgule ,</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tabulation</translation>
    </message>
    <message>
        <source>Vertical bar |</source>
        <translation>Barre verticale |</translation>
    </message>
    <message>
        <source>Comma (12,50)</source>
        <translation>Virgule (12,50)</translation>
    </message>
    <message>
        <source>Point (12.50)</source>
        <translation>Point (12.50)</translation>
    </message>
    <message>
        <source>ISO 8601 (2026-12-31 14:05)</source>
        <translation>ISO 8601 (2026-12-31 14:05)</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>Encodage :</translation>
    </message>
    <message>
        <source>Separator:</source>
        <translation>Séparateur :</translation>
    </message>
    <message>
        <source>Decimal mark:</source>
        <translation>Séparateur décimal :</translation>
    </message>
    <message>
        <source>Dates look like:</source>
        <translation>Les dates s’écrivent :</translation>
    </message>
    <message>
        <source>A Parquet file: its columns and types are read from the file itself.</source>
        <translation>Un fichier Parquet : ses colonnes et leurs types sont lus dans le fichier lui-même.</translation>
    </message>
    <message>
        <source>Detected: {encoding}, separator {separator}, decimal {decimal}, dates like {date}. Change any of these if the rows below do not look right.</source>
        <translation>Détecté : {encoding}, séparateur {separator}, décimales {decimal}, dates comme {date}. Modifiez ces choix si les lignes ci-dessous ne semblent pas justes.</translation>
    </message>
    <message>
        <source>This time cannot be read in the chosen format</source>
        <translation>Cette date ne peut pas être lue dans le format choisi</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Journey Editor ran into a problem</source>
        <translation>Journey Editor a rencontré un problème</translation>
    </message>
    <message>
        <source>&lt;b&gt;Something went wrong inside Journey Editor.&lt;/b&gt;&lt;br&gt;This is a fault in the program, not in what you did. Every edit you finished is already saved in your file, and you can carry on working.</source>
        <translation>&lt;b&gt;Une erreur s’est produite dans Journey Editor.&lt;/b&gt;&lt;br&gt;C’est un défaut du programme, pas de ce que vous avez fait. Chaque modification terminée est déjà enregistrée dans votre fichier et vous pouvez continuer à travailler.</translation>
    </message>
    <message>
        <source>The change you were making was not applied: the file is as it was before.</source>
        <translation>La modification en cours n’a pas été appliquée&#xa0;: le fichier est tel qu’il était avant.</translation>
    </message>
    <message>
        <source>What happened: {0}</source>
        <translation>Ce qui s’est passé : {0}</translation>
    </message>
    <message>
        <source>The details are also written to the log file:
{0}</source>
        <translation>Les détails sont aussi écrits dans le journal :
{0}</translation>
    </message>
    <message>
        <source>The log file could not be written; use Copy details.</source>
        <translation>Le journal n’a pas pu être écrit ; utilisez Copier les détails.</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>&amp;Copier les détails</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
    <message>
        <source>The same problem again since: {0}</source>
        <translation>Le même problème s’est reproduit depuis : {0}</translation>
    </message>
    <message>
        <source>Other problems since (see the log): {0}</source>
        <translation>Autres problèmes depuis (voir le journal) : {0}</translation>
    </message>
</context>
<context>
    <name>DepartmentsPanel</name>
    <message>
        <source>Add a department</source>
        <translation>Ajouter un département</translation>
    </message>
    <message>
        <source>Move department up</source>
        <translation>Monter le département</translation>
    </message>
    <message>
        <source>Move department down</source>
        <translation>Descendre le département</translation>
    </message>
    <message>
        <source>Delete department</source>
        <translation>Supprimer le département</translation>
    </message>
    <message>
        <source>Add a participant</source>
        <translation>Ajouter un participant</translation>
    </message>
    <message>
        <source>Move participant up</source>
        <translation>Monter le participant</translation>
    </message>
    <message>
        <source>Move participant down</source>
        <translation>Descendre le participant</translation>
    </message>
    <message>
        <source>Delete participant</source>
        <translation>Supprimer le participant</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>Départements</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Couleur</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Département</translation>
    </message>
    <message>
        <source>(unnamed department)</source>
        <translation>(département sans nom)</translation>
    </message>
    <message>
        <source>(no department)</source>
        <translation>(aucun département)</translation>
    </message>
    <message>
        <source>(unnamed participant)</source>
        <translation>(participant sans nom)</translation>
    </message>
    <message>
        <source>New department</source>
        <translation>Nouveau département</translation>
    </message>
    <message>
        <source>Delete the department “{0}”? Its cards and participants stay, with no department. You can undo it.</source>
        <translation>Supprimer le département «&#xa0;{0}&#xa0;»&#xa0;? Ses cartes et ses participants sont conservés, sans département. Vous pourrez annuler.</translation>
    </message>
    <message>
        <source>New participant</source>
        <translation>Nouveau participant</translation>
    </message>
    <message>
        <source>Delete the participant “{0}”? Their cards and votes stay, attributed to no one. You can undo it.</source>
        <translation>Supprimer le participant «&#xa0;{0}&#xa0;»&#xa0;? Ses cartes et ses votes sont conservés, attribués à personne. Vous pourrez annuler.</translation>
    </message>
</context>
<context>
    <name>Document</name>
    <message>
        <source>This step was not applied because of an internal error ({0}). Nothing was changed.</source>
        <translation>Cette étape n’a pas été appliquée à cause d’une erreur interne ({0}). Rien n’a été modifié.</translation>
    </message>
    <message>
        <source>This step was not applied: another window or program has changed the same part of the map since. Nothing was changed.</source>
        <translation>Cette étape n’a pas été appliquée : une autre fenêtre ou un autre programme a modifié la même partie de la carte entre-temps. Rien n’a été changé.</translation>
    </message>
    <message>
        <source>This change breaks a rule of the map: {0}</source>
        <translation>Cette modification enfreint une règle de la carte&#xa0;: {0}</translation>
    </message>
</context>
<context>
    <name>Edits</name>
    <message>
        <source>Add card</source>
        <translation>Ajouter une fiche</translation>
    </message>
    <message>
        <source>Add %n cards</source>
        <translation>Ajouter %n fiches</translation>
    </message>
    <message>
        <source>Edit card</source>
        <translation>Modifier la fiche</translation>
    </message>
    <message>
        <source>Edit %n cards</source>
        <translation>Modifier %n fiches</translation>
    </message>
    <message>
        <source>Move card</source>
        <translation>Déplacer la fiche</translation>
    </message>
    <message>
        <source>Move %n cards</source>
        <translation>Déplacer %n fiches</translation>
    </message>
    <message>
        <source>Delete card</source>
        <translation>Supprimer la fiche</translation>
    </message>
    <message>
        <source>Delete %n cards</source>
        <translation>Supprimer %n fiches</translation>
    </message>
    <message>
        <source>New stage</source>
        <translation>Nouvelle étape</translation>
    </message>
    <message>
        <source>Add stage</source>
        <translation>Ajouter une étape</translation>
    </message>
    <message>
        <source>New lane</source>
        <translation>Nouveau couloir</translation>
    </message>
    <message>
        <source>A lane of figures holds no cards.</source>
        <translation>Un couloir de chiffres ne contient pas de cartes.</translation>
    </message>
    <message>
        <source>Add lane</source>
        <translation>Ajouter un couloir</translation>
    </message>
    <message>
        <source>Resize stage</source>
        <translation>Redimensionner l’étape</translation>
    </message>
    <message>
        <source>Edit stage</source>
        <translation>Modifier l’étape</translation>
    </message>
    <message>
        <source>Resize lane</source>
        <translation>Redimensionner le couloir</translation>
    </message>
    <message>
        <source>Edit lane</source>
        <translation>Modifier le couloir</translation>
    </message>
    <message>
        <source>Move stage</source>
        <translation>Déplacer l’étape</translation>
    </message>
    <message>
        <source>Move lane</source>
        <translation>Déplacer le couloir</translation>
    </message>
    <message>
        <source>Delete stage</source>
        <translation>Supprimer l’étape</translation>
    </message>
    <message>
        <source>Delete lane</source>
        <translation>Supprimer le couloir</translation>
    </message>
    <message>
        <source>Set emotion</source>
        <translation>Régler l’émotion</translation>
    </message>
    <message>
        <source>Add map</source>
        <translation>Ajouter une carte</translation>
    </message>
    <message>
        <source>Duplicate map</source>
        <translation>Dupliquer la carte</translation>
    </message>
    <message>
        <source>Edit map</source>
        <translation>Modifier la carte</translation>
    </message>
    <message>
        <source>Move map</source>
        <translation>Déplacer la carte</translation>
    </message>
    <message>
        <source>Delete map</source>
        <translation>Supprimer la carte</translation>
    </message>
    <message>
        <source>New persona</source>
        <translation>Nouveau persona</translation>
    </message>
    <message>
        <source>Add persona</source>
        <translation>Ajouter un persona</translation>
    </message>
    <message>
        <source>Edit persona</source>
        <translation>Modifier le persona</translation>
    </message>
    <message>
        <source>Delete persona</source>
        <translation>Supprimer le persona</translation>
    </message>
    <message>
        <source>Add department</source>
        <translation>Ajouter un département</translation>
    </message>
    <message>
        <source>Edit department</source>
        <translation>Modifier le département</translation>
    </message>
    <message>
        <source>Delete department</source>
        <translation>Supprimer le département</translation>
    </message>
    <message>
        <source>Move department</source>
        <translation>Déplacer le département</translation>
    </message>
    <message>
        <source>New participant</source>
        <translation>Nouveau participant</translation>
    </message>
    <message>
        <source>Add participant</source>
        <translation>Ajouter un participant</translation>
    </message>
    <message>
        <source>Edit participant</source>
        <translation>Modifier le participant</translation>
    </message>
    <message>
        <source>Move participant</source>
        <translation>Déplacer le participant</translation>
    </message>
    <message>
        <source>Delete participant</source>
        <translation>Supprimer le participant</translation>
    </message>
    <message>
        <source>Edit project</source>
        <translation>Modifier le projet</translation>
    </message>
    <message>
        <source>Set picture</source>
        <translation>Changer l’image</translation>
    </message>
    <message>
        <source>Take snapshot</source>
        <translation>Prendre un instantané</translation>
    </message>
    <message>
        <source>Delete snapshot</source>
        <translation>Supprimer l’instantané</translation>
    </message>
    <message>
        <source>Merge from %n files</source>
        <translation>Fusionner %n fichiers</translation>
    </message>
    <message>
        <source>Merge from {0}</source>
        <translation>Fusionner {0}</translation>
    </message>
</context>
<context>
    <name>EventImport</name>
    <message>
        <source>Import events</source>
        <translation>Importer des événements</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>it has no map number {0}</source>
        <translation>aucune carte numéro {0}</translation>
    </message>
    <message>
        <source>it has no map</source>
        <translation>le projet ne contient aucune carte</translation>
    </message>
    <message>
        <source>at {0} DPI the image would be {1} × {2} pixels; choose a lower resolution or a PDF</source>
        <translation>à {0} DPI, l’image ferait {1} × {2} pixels&#xa0;; choisissez une résolution plus basse ou un PDF</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>PDF document (vector, for print)</source>
        <translation>Document PDF (vectoriel, pour l’impression)</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>Image PNG</translation>
    </message>
    <message>
        <source>SVG drawing (vector)</source>
        <translation>Dessin SVG (vectoriel)</translation>
    </message>
    <message>
        <source>All maps, one after another</source>
        <translation>Toutes les cartes, l’une après l’autre</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Map:</source>
        <translation>&amp;Carte&#xa0;:</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Papier</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>F&amp;it each map on one page</source>
        <translation>Chaque carte sur &amp;une page</translation>
    </message>
    <message>
        <source>&amp;Tile across pages, to assemble a poster</source>
        <translation>&amp;Mosaïque de pages, à assembler en affiche</translation>
    </message>
    <message>
        <source>100 % prints the map as large as the canvas shows it</source>
        <translation>À 100&#xa0;%, la carte est imprimée à la taille où le canevas l’affiche</translation>
    </message>
    <message>
        <source>&amp;Cover page with persona and legend</source>
        <translation>Pa&amp;ge de couverture avec persona et légende</translation>
    </message>
    <message>
        <source>Excel workbook (cards as tables)</source>
        <translation>Classeur Excel (fiches en tableaux)</translation>
    </message>
    <message>
        <source>PowerPoint (.pptx)</source>
        <translation>PowerPoint (.pptx)</translation>
    </message>
    <message>
        <source>CSV (.csv)</source>
        <translation>CSV (.csv)</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>Portrait</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>Paysage</translation>
    </message>
    <message>
        <source>Automatic (each map as large as it prints)</source>
        <translation>Automatique (chaque carte imprimée au plus grand)</translation>
    </message>
    <message>
        <source>Page of the top pain points and opportunities</source>
        <translation>Page des principaux irritants et opportunités</translation>
    </message>
    <message>
        <source>Paper si&amp;ze:</source>
        <translation>&amp;Taille du papier&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Orientation:</source>
        <translation>&amp;Orientation&#xa0;:</translation>
    </message>
    <message>
        <source>Printed &amp;scale:</source>
        <translation>Éc&amp;helle d’impression&#xa0;:</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source> (screen)</source>
        <translation> (écran)</translation>
    </message>
    <message>
        <source> (print)</source>
        <translation> (impression)</translation>
    </message>
    <message>
        <source>{0} DPI{1}</source>
        <translation>{0} DPI{1}</translation>
    </message>
    <message>
        <source>White</source>
        <translation>Blanc</translation>
    </message>
    <message>
        <source>Transparent</source>
        <translation>Transparent</translation>
    </message>
    <message>
        <source>Fr&amp;ame (title, persona, legend)</source>
        <translation>Ca&amp;dre (titre, persona, légende)</translation>
    </message>
    <message>
        <source>Te&amp;xt as outlines</source>
        <translation>Te&amp;xte en contours</translation>
    </message>
    <message>
        <source>The drawing looks the same without the font installed; text not selectable</source>
        <translation>Le dessin reste le même sans la police installée&#xa0;; le texte n’est plus sélectionnable</translation>
    </message>
    <message>
        <source>&amp;Resolution:</source>
        <translation>&amp;Résolution&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Background:</source>
        <translation>F&amp;ond&#xa0;:</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Page précédente</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Page suivante</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimer…</translation>
    </message>
    <message>
        <source>Page {0} of {1}</source>
        <translation>Page {0} sur {1}</translation>
    </message>
    <message>
        <source>landscape</source>
        <translation>paysage</translation>
    </message>
    <message>
        <source>portrait</source>
        <translation>portrait</translation>
    </message>
    <message>
        <source>automatic orientation</source>
        <translation>orientation automatique</translation>
    </message>
    <message>
        <source>Pages: {0}, {1} {2}</source>
        <translation>Pages&#xa0;: {0}, {1} {2}</translation>
    </message>
    <message>
        <source>{0} × {1} pixels; {2:.1f} × {3:.1f} cm printed at {4} DPI</source>
        <translation>{0} × {1} pixels&#xa0;; {2:.1f} × {3:.1f} cm à l’impression en {4} DPI</translation>
    </message>
    <message>
        <source>{0} × {1} pixels at 100 %</source>
        <translation>{0} × {1} pixels à 100&#xa0;%</translation>
    </message>
    <message>
        <source>A CSV file of the {0} cards of {1} maps, one per row. No preview.</source>
        <translation>Un fichier CSV des {0} cartes de {1} parcours, une par ligne. Pas d’aperçu.</translation>
    </message>
    <message>
        <source>A workbook with one sheet per map ({0}), laid out like the map, and a sheet of the {1} cards, one per row with every field. No preview.</source>
        <translation>Un classeur avec une feuille par carte ({0}), disposée comme la carte, et une feuille des {1} fiches, une par ligne avec tous leurs champs. Pas d’aperçu.</translation>
    </message>
    <message>
        <source>A 16:9 presentation: a cover, the {0} maps as shapes you can edit (a map too big to read on one slide is split over several), and the top pain points and opportunities. No preview.</source>
        <translation>Une présentation 16:9 : une couverture, les {0} cartes en formes modifiables (une carte trop grande pour être lue sur une diapositive est répartie sur plusieurs) et les principaux irritants et opportunités. Pas d’aperçu.</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation>Dessins SVG (*.svg)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Classeurs Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>PowerPoint presentations (*.pptx)</source>
        <translation>Présentations PowerPoint (*.pptx)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Échec de l’exportation</translation>
    </message>
</context>
<context>
    <name>FileError</name>
    <message>
        <source>{file} cannot be exported: {detail}.</source>
        <translation>Impossible d’exporter {file}&#xa0;: {detail}.</translation>
    </message>
    <message>
        <source>{file}: this file cannot be used.</source>
        <translation>{file}&#xa0;: ce fichier est inutilisable.</translation>
    </message>
    <message>
        <source>{file}: no such file.</source>
        <translation>{file}&#xa0;: fichier introuvable.</translation>
    </message>
    <message>
        <source>{file} is not a Journey Editor file ({detail}). Choose a .journey file.</source>
        <translation>{file} n’est pas un fichier Journey Editor ({detail}). Choisissez un fichier .journey.</translation>
    </message>
    <message>
        <source>{file} is damaged ({detail}). Open a backup copy, or ask whoever sent it for it again.</source>
        <translation>{file} est endommagé ({detail}). Ouvrez une copie de sauvegarde ou redemandez le fichier à la personne qui vous l’a envoyé.</translation>
    </message>
    <message>
        <source>{file} holds something Journey Editor cannot use ({detail}) and is refused; nothing was changed. Open a backup copy, or ask whoever sent it for it again.</source>
        <translation>{file} contient quelque chose que Journey Editor ne peut pas utiliser ({detail}) ; il est refusé et rien n’a été modifié. Ouvrez une copie de sauvegarde, ou redemandez le fichier à la personne qui l’a envoyé.</translation>
    </message>
    <message>
        <source>Another program changed {file} so that Journey Editor cannot use it ({detail}). This window writes nothing more to it until the file is sound again, and the map shown is the last sound one. Open a backup copy, or ask whoever changed the file.</source>
        <translation>Un autre programme a modifié {file} de sorte que Journey Editor ne peut plus l’utiliser ({detail}). Cette fenêtre n’y écrit plus rien tant que le fichier n’est pas redevenu sain, et la carte affichée est la dernière qui l’était. Ouvrez une copie de sauvegarde ou demandez-la à qui a modifié le fichier.</translation>
    </message>
    <message>
        <source>{file} was changed outside Journey Editor and is refused for safety ({detail}).</source>
        <translation>{file} a été modifié en dehors de Journey Editor&#xa0;; par sécurité, il est refusé ({detail}).</translation>
    </message>
    <message>
        <source>{file} has had the rules of its tables changed outside Journey Editor ({detail}); its content cannot be trusted and it is refused. Ask whoever sent it for a copy saved by Journey Editor.</source>
        <translation>Les règles des tables de {file} ont été modifiées en dehors de Journey Editor ({detail}) ; son contenu n’est pas fiable et il est refusé. Demandez à la personne qui l’a envoyé une copie enregistrée par Journey Editor.</translation>
    </message>
    <message>
        <source>{file} has a leftover {detail} beside it that belongs to another file; SQLite would apply it and destroy {file}. Move {detail} away, then open {file} again.</source>
        <translation>Un fichier {detail} laissé à côté de {file} appartient à un autre fichier ; SQLite l’appliquerait et détruirait {file}. Déplacez {detail} ailleurs, puis rouvrez {file}.</translation>
    </message>
    <message>
        <source>{file} was made by a newer version of Journey Editor ({detail}). Update Journey Editor to open it.</source>
        <translation>{file} a été créé par une version plus récente de Journey Editor ({detail}). Mettez Journey Editor à jour pour l’ouvrir.</translation>
    </message>
    <message>
        <source>{file} is being written by another program. Close it there and try again.</source>
        <translation>{file} est en cours d’écriture par un autre programme. Fermez-le dans ce programme, puis réessayez.</translation>
    </message>
    <message>
        <source>{file} is read-only ({detail}). Use Save As to keep your changes in another file.</source>
        <translation>{file} est en lecture seule ({detail}). Utilisez «&#xa0;Enregistrer sous&#xa0;» pour garder vos modifications dans un autre fichier.</translation>
    </message>
    <message>
        <source>{file} was deleted, moved or replaced while it was open: this change was not written. Use Save As to keep your work in a new file.</source>
        <translation>{file} a été supprimé, déplacé ou remplacé pendant qu’il était ouvert&#xa0;: cette modification n’a pas été enregistrée. Utilisez «&#xa0;Enregistrer sous&#xa0;» pour garder votre travail dans un nouveau fichier.</translation>
    </message>
    <message>
        <source>{file} could not be written ({detail}). Nothing was changed; free some disk space or choose another folder.</source>
        <translation>Impossible d’écrire {file} ({detail}). Rien n’a été modifié&#xa0;; libérez de l’espace disque ou choisissez un autre dossier.</translation>
    </message>
    <message>
        <source>{file} cannot be imported: {detail}.</source>
        <translation>Impossible d’importer {file}&#xa0;: {detail}.</translation>
    </message>
    <message>
        <source>{file} cannot be used as an image: {detail}.</source>
        <translation>{file} ne peut pas servir d’image&#xa0;: {detail}.</translation>
    </message>
    <message>
        <source>{file} already exists. Add --force to replace it, or choose another name.</source>
        <translation>{file} existe déjà. Ajoutez --force pour le remplacer, ou choisissez un autre nom.</translation>
    </message>
    <message>
        <source>{file} is {detail}, the file being read: writing there would destroy it. Choose another name.</source>
        <translation>{file} est {detail}, le fichier en cours de lecture : y écrire le détruirait. Choisissez un autre nom.</translation>
    </message>
    <message>
        <source>{file} cannot be read as events: {detail}.</source>
        <translation>{file} ne peut pas être lu comme des événements : {detail}.</translation>
    </message>
    <message>
        <source>{file} cannot be read as a survey: {detail}.</source>
        <translation>{file} ne peut pas être lu comme une enquête : {detail}.</translation>
    </message>
    <message>
        <source>{file} is not a usable stage mapping: {detail}.</source>
        <translation>{file} n’est pas une correspondance d’étapes utilisable : {detail}.</translation>
    </message>
    <message>
        <source>{file} has {detail} rows that cannot be used (listed above); nothing was computed. Correct them, or add --skip-bad-rows to measure the other rows.</source>
        <translation>{file} a {detail} lignes inutilisables (listées ci-dessus) ; rien n’a été calculé. Corrigez-les, ou ajoutez --skip-bad-rows pour mesurer les autres lignes.</translation>
    </message>
    <message>
        <source>{file} cannot be merged: {detail}.</source>
        <translation>{file} ne peut pas être fusionné&#xa0;: {detail}.</translation>
    </message>
    <message>
        <source>{file} cannot take these figures: {detail}. Nothing was written.</source>
        <translation>{file} ne peut pas recevoir ces chiffres : {detail}. Rien n’a été écrit.</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find and filter</source>
        <translation>Rechercher et filtrer</translation>
    </message>
    <message>
        <source>Find cards…</source>
        <translation>Rechercher des fiches…</translation>
    </message>
    <message>
        <source>All evidence</source>
        <translation>Tous niveaux de preuve</translation>
    </message>
    <message>
        <source>Show only cards with…</source>
        <translation>Fiches contenant…</translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>Filtre&#xa0;:</translation>
    </message>
    <message>
        <source>Whose figures the funnel and survey lanes show, here and in exports</source>
        <translation>Les chiffres que montrent les couloirs entonnoir et enquête, ici et dans les exports</translation>
    </message>
    <message>
        <source>Figures for:</source>
        <translation>Chiffres pour&#xa0;:</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Tous</translation>
    </message>
    <message>
        <source>(no value)</source>
        <translation>(sans valeur)</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>Tous départements</translation>
    </message>
    <message>
        <source>1 match</source>
        <translation>1 résultat</translation>
    </message>
    <message numerus="yes">
        <source>%n matches</source>
        <translation>
            <numerusform>%n résultat</numerusform>
            <numerusform>%n résultats</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>“{0}”</source>
        <translation>«&#xa0;{0}&#xa0;»</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>colour</source>
        <translation>couleur</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>canal</translation>
    </message>
    <message>
        <source>ownership</source>
        <translation>type de canal</translation>
    </message>
    <message>
        <source>severity</source>
        <translation>gravité</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>responsable</translation>
    </message>
    <message>
        <source>priority</source>
        <translation>priorité</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valeur</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>unité</translation>
    </message>
    <message>
        <source>target</source>
        <translation>cible</translation>
    </message>
    <message>
        <source>baseline</source>
        <translation>point de départ</translation>
    </message>
    <message>
        <source>department</source>
        <translation>département</translation>
    </message>
    <message>
        <source>votes</source>
        <translation>votes</translation>
    </message>
    <message>
        <source>evidence</source>
        <translation>niveau de preuve</translation>
    </message>
    <message>
        <source>picture</source>
        <translation>image</translation>
    </message>
    <message>
        <source>direction</source>
        <translation>sens</translation>
    </message>
    <message>
        <source>period</source>
        <translation>période</translation>
    </message>
    <message>
        <source>author</source>
        <translation>auteur</translation>
    </message>
    <message>
        <source>source</source>
        <translation>source</translation>
    </message>
    <message>
        <source>Renamed the map “{0}” to “{1}”</source>
        <translation>Carte «&#xa0;{0}&#xa0;» renommée «&#xa0;{1}&#xa0;»</translation>
    </message>
    <message>
        <source>Added the stage “{0}”</source>
        <translation>Étape «&#xa0;{0}&#xa0;» ajoutée</translation>
    </message>
    <message>
        <source>Removed the stage “{0}”</source>
        <translation>Étape «&#xa0;{0}&#xa0;» supprimée</translation>
    </message>
    <message>
        <source>Renamed the stage “{0}” to “{1}”</source>
        <translation>Étape «&#xa0;{0}&#xa0;» renommée «&#xa0;{1}&#xa0;»</translation>
    </message>
    <message>
        <source>Put the stages in another order</source>
        <translation>Étapes remises dans un autre ordre</translation>
    </message>
    <message>
        <source>Added the lane “{0}”</source>
        <translation>Couloir «&#xa0;{0}&#xa0;» ajouté</translation>
    </message>
    <message>
        <source>Removed the lane “{0}”</source>
        <translation>Couloir «&#xa0;{0}&#xa0;» supprimé</translation>
    </message>
    <message>
        <source>Renamed the lane “{0}” to “{1}”</source>
        <translation>Couloir «&#xa0;{0}&#xa0;» renommé «&#xa0;{1}&#xa0;»</translation>
    </message>
    <message>
        <source>Put the lanes in another order</source>
        <translation>Couloirs remis dans un autre ordre</translation>
    </message>
    <message>
        <source>Added {0} in {1}</source>
        <translation>Fiche {0} ajoutée dans {1}</translation>
    </message>
    <message>
        <source>Moved {0} from {1} to {2}</source>
        <translation>Fiche {0} déplacée de {1} vers {2}</translation>
    </message>
    <message>
        <source>Rewrote {0} as {1}</source>
        <translation>Fiche {0} réécrite en {1}</translation>
    </message>
    <message>
        <source>Changed the {0} of {1}</source>
        <translation>Fiche {1} modifiée ({0})</translation>
    </message>
    <message>
        <source>Removed {0} from {1}</source>
        <translation>Fiche {0} supprimée de {1}</translation>
    </message>
    <message>
        <source>Emotion at {0} in {1}: {2} → {3}</source>
        <translation>Émotion à l’étape {0} dans {1}&#xa0;: {2} → {3}</translation>
    </message>
    <message>
        <source>Added this map</source>
        <translation>Carte ajoutée</translation>
    </message>
    <message>
        <source>Deleted this map</source>
        <translation>Carte supprimée</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Take…</source>
        <translation>Prendre…</translation>
    </message>
    <message>
        <source>Take a snapshot of the whole project</source>
        <translation>Prendre un instantané de tout le projet</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Comparer</translation>
    </message>
    <message>
        <source>What changed since this snapshot, or between the two chosen</source>
        <translation>Ce qui a changé depuis cet instantané, ou entre les deux choisis</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Enregistrer sous…</translation>
    </message>
    <message>
        <source>Save this snapshot as a project</source>
        <translation>Enregistrer cet instantané comme un projet</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Delete snapshot</source>
        <translation>Supprimer l’instantané</translation>
    </message>
    <message>
        <source>No snapshot yet. Take one before a workshop or a client review: Compare then shows what changed since.</source>
        <translation>Aucun instantané pour l’instant. Prenez-en un avant un atelier ou une revue avec le client&#xa0;: Comparer montrera ensuite ce qui a changé depuis.</translation>
    </message>
    <message>
        <source>{0} — {1}</source>
        <translation>{0} — {1}</translation>
    </message>
    <message>
        <source>Snapshot {0}</source>
        <translation>Instantané {0}</translation>
    </message>
    <message>
        <source>Take snapshot</source>
        <translation>Prendre un instantané</translation>
    </message>
    <message>
        <source>Name of the snapshot:</source>
        <translation>Nom de l’instantané&#xa0;:</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>Instantané</translation>
    </message>
    <message>
        <source>Changes since “{0}”</source>
        <translation>Changements depuis «&#xa0;{0}&#xa0;»</translation>
    </message>
    <message>
        <source>Nothing has changed since this snapshot.</source>
        <translation>Rien n’a changé depuis cet instantané.</translation>
    </message>
    <message>
        <source>Changes from “{0}” to “{1}”</source>
        <translation>Changements de «&#xa0;{0}&#xa0;» à «&#xa0;{1}&#xa0;»</translation>
    </message>
    <message>
        <source>Nothing changed between these snapshots.</source>
        <translation>Rien n’a changé entre ces instantanés.</translation>
    </message>
    <message>
        <source>Save snapshot as a project</source>
        <translation>Enregistrer l’instantané comme un projet</translation>
    </message>
    <message>
        <source>Journey maps (*.journey)</source>
        <translation>Cartes de parcours (*.journey)</translation>
    </message>
    <message>
        <source>Saved “{0}” as {1}. Open it now?</source>
        <translation>«&#xa0;{0}&#xa0;» enregistré sous {1}. L’ouvrir maintenant&#xa0;?</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>Import events: {name}</source>
        <translation>Importer des événements : {name}</translation>
    </message>
    <message>
        <source>Customer id:</source>
        <translation>Identifiant client :</translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>Date et heure :</translation>
    </message>
    <message>
        <source>Event name:</source>
        <translation>Nom de l’événement :</translation>
    </message>
    <message>
        <source>Break down by:</source>
        <translation>Ventiler par :</translation>
    </message>
    <message>
        <source>Nothing (all customers together)</source>
        <translation>Rien (tous les clients ensemble)</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>Nothing selected.

Select a card, a stage, a lane or a point of the emotion curve to see and change its properties.</source>
        <translation>Aucune sélection.

Sélectionnez une fiche, une étape, un couloir ou un point de la courbe des émotions pour voir et modifier ses propriétés.</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Fiche</translation>
    </message>
    <message numerus="yes">
        <source>%n cards</source>
        <translation>
            <numerusform>%n fiche</numerusform>
            <numerusform>%n fiches</numerusform>
        </translation>
    </message>
    <message>
        <source>Evidence, department and colour apply to all of them.</source>
        <translation>Le niveau de preuve, le département et la couleur s’appliquent à toutes.</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Lane</source>
        <translation>Couloir</translation>
    </message>
    <message>
        <source>Emotion</source>
        <translation>Émotion</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Carte</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Own</source>
        <translation>Interne</translation>
    </message>
    <message>
        <source>External</source>
        <translation>Externe</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Site web</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>Boutique</translation>
    </message>
    <message>
        <source>Social network</source>
        <translation>Réseau social</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Advertising</source>
        <translation>Publicité</translation>
    </message>
    <message>
        <source>Word of mouth</source>
        <translation>Bouche-à-oreille</translation>
    </message>
    <message>
        <source>App</source>
        <translation>Application</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Basse</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Moyenne</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Haute</translation>
    </message>
    <message>
        <source>Assumption</source>
        <translation>Hypothèse</translation>
    </message>
    <message>
        <source>Partly backed</source>
        <translation>Partiellement étayé</translation>
    </message>
    <message>
        <source>Backed by research</source>
        <translation>Étayé par la recherche</translation>
    </message>
    <message>
        <source>Funnel</source>
        <translation>Entonnoir</translation>
    </message>
    <message>
        <source>Survey</source>
        <translation>Enquête</translation>
    </message>
    <message>
        <source>{0} reached</source>
        <translation>{0} atteints</translation>
    </message>
    <message>
        <source>{0} from previous</source>
        <translation>{0} convertis</translation>
    </message>
    <message>
        <source>{0} dropped</source>
        <translation>{0} perdus</translation>
    </message>
    <message>
        <source>median {0}, p90 {1}</source>
        <translation>médiane {0}, p90 {1}</translation>
    </message>
    <message>
        <source>{0} skipped</source>
        <translation>{0} l’ont sautée</translation>
    </message>
    <message>
        <source>{0} came back</source>
        <translation>{0} revenus</translation>
    </message>
    <message>
        <source>vs {0}</source>
        <translation>par rapport au {0}</translation>
    </message>
    <message>
        <source>NPS {0}</source>
        <translation>NPS {0}</translation>
    </message>
    <message>
        <source>CES {0}</source>
        <translation>CES {0}</translation>
    </message>
    <message>
        <source>n = {0}</source>
        <translation>n = {0}</translation>
    </message>
    <message>
        <source>under {0} answers</source>
        <translation>moins de {0} réponses</translation>
    </message>
    <message>
        <source>Run of {0}</source>
        <translation>Mesure du {0}</translation>
    </message>
    <message>
        <source>only {0}</source>
        <translation>seulement {0}</translation>
    </message>
    <message>
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <source>min</source>
        <translation>min</translation>
    </message>
    <message>
        <source>h</source>
        <translation>h</translation>
    </message>
    <message>
        <source>d</source>
        <translation>j</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Touchpoints</source>
        <translation>Points de contact</translation>
    </message>
    <message>
        <source>Emotions</source>
        <translation>Émotions</translation>
    </message>
    <message>
        <source>Pain points</source>
        <translation>Irritants</translation>
    </message>
    <message>
        <source>Opportunities</source>
        <translation>Opportunités</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Indicateurs</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>Page {0} / {1}</source>
        <translation>Page {0} / {1}</translation>
    </message>
    <message>
        <source>Sheet {0} of {1}, overlap {2} mm</source>
        <translation>Feuille {0} sur {1}, recouvrement {2}&#xa0;mm</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>Objectifs</translation>
    </message>
    <message>
        <source>Frustrations</source>
        <translation>Frustrations</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>Légende</translation>
    </message>
    <message>
        <source>Lanes</source>
        <translation>Couloirs</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Canaux</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>Départements</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Niveau de preuve</translation>
    </message>
    <message>
        <source>{0} years old</source>
        <translation>{0}&#xa0;ans</translation>
    </message>
    <message>
        <source>“{0}”</source>
        <translation>«&#xa0;{0}&#xa0;»</translation>
    </message>
    <message>
        <source>Key figures</source>
        <translation>Chiffres clés</translation>
    </message>
    <message>
        <source>Stages</source>
        <translation>Étapes</translation>
    </message>
    <message>
        <source>Top pain points</source>
        <translation>Principaux irritants</translation>
    </message>
    <message>
        <source>Top opportunities</source>
        <translation>Principales opportunités</translation>
    </message>
    <message>
        <source>Votes: {0}</source>
        <translation>Votes&#xa0;: {0}</translation>
    </message>
    <message>
        <source>Current journey</source>
        <translation>Parcours actuel</translation>
    </message>
    <message>
        <source>Ideal journey</source>
        <translation>Parcours idéal</translation>
    </message>
    <message>
        <source>Cards</source>
        <translation>Fiches</translation>
    </message>
    <message>
        <source>Top pain points and opportunities</source>
        <translation>Principaux irritants et opportunités</translation>
    </message>
    <message>
        <source>No pain point or opportunity on these maps.</source>
        <translation>Aucun irritant ni aucune opportunité sur ces cartes.</translation>
    </message>
    <message>
        <source>Importance</source>
        <translation>Importance</translation>
    </message>
    <message>
        <source>{0} ({1}/{2})</source>
        <translation>{0} ({1}/{2})</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Carte</translation>
    </message>
    <message>
        <source>Very negative</source>
        <translation>Très négatif</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>Négatif</translation>
    </message>
    <message>
        <source>Neutral</source>
        <translation>Neutre</translation>
    </message>
    <message>
        <source>Positive</source>
        <translation>Positif</translation>
    </message>
    <message>
        <source>Very positive</source>
        <translation>Très positif</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>Mesures</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Mesure</translation>
    </message>
    <message>
        <source>Measured on</source>
        <translation>Mesuré le</translation>
    </message>
    <message>
        <source>Segment by</source>
        <translation>Segmenté par</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>Atteints</translation>
    </message>
    <message>
        <source>Converted from previous stage</source>
        <translation>Convertis depuis l’étape précédente</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>Perdus</translation>
    </message>
    <message>
        <source>Median time from previous stage (hours)</source>
        <translation>Temps médian depuis l’étape précédente (heures)</translation>
    </message>
    <message>
        <source>CES</source>
        <translation>CES</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Réponses</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Tous</translation>
    </message>
    <message>
        <source>(no value)</source>
        <translation>(sans valeur)</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Fiche</translation>
    </message>
    <message>
        <source>Lane</source>
        <translation>Couloir</translation>
    </message>
    <message>
        <source>Severity / priority</source>
        <translation>Gravité / priorité</translation>
    </message>
    <message>
        <source>… and {0} more</source>
        <translation>… et {0} de plus</translation>
    </message>
    <message>
        <source>Lane kind</source>
        <translation>Type de couloir</translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation>Classement</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Couleur</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Ownership</source>
        <translation>Maîtrise</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créée le</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unité</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Cible</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Département</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Participant</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>Votes</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Awareness</source>
        <translation>Sensibilisation</translation>
    </message>
    <message>
        <source>Consideration</source>
        <translation>Considération</translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation>Achat</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>Fidélisation</translation>
    </message>
    <message>
        <source>Advocacy</source>
        <translation>Recommandation</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Portée</translation>
    </message>
    <message>
        <source>people</source>
        <translation>personnes</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Visites</translation>
    </message>
    <message>
        <source>visits</source>
        <translation>visites</translation>
    </message>
    <message>
        <source>SEO rank</source>
        <translation>Position SEO</translation>
    </message>
    <message>
        <source>rank</source>
        <translation>rang</translation>
    </message>
    <message>
        <source>Click-through rate</source>
        <translation>Taux de clic</translation>
    </message>
    <message>
        <source>Time on page</source>
        <translation>Temps passé sur la page</translation>
    </message>
    <message>
        <source>Cost per click</source>
        <translation>Coût par clic</translation>
    </message>
    <message>
        <source>Conversion rate</source>
        <translation>Taux de conversion</translation>
    </message>
    <message>
        <source>Average basket</source>
        <translation>Panier moyen</translation>
    </message>
    <message>
        <source>Cart abandonment</source>
        <translation>Abandon de panier</translation>
    </message>
    <message>
        <source>Repeat purchase rate</source>
        <translation>Taux de réachat</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Avis clients</translation>
    </message>
    <message>
        <source>reviews</source>
        <translation>avis</translation>
    </message>
    <message>
        <source>NPS</source>
        <translation>NPS</translation>
    </message>
    <message>
        <source>points</source>
        <translation>points</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>Parrainages</translation>
    </message>
    <message>
        <source>referrals</source>
        <translation>parrainages</translation>
    </message>
</context>
<context>
    <name>LaneForm</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Couleur</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>Hauteur</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Journey maps (*.journey)</source>
        <translation>Cartes de parcours (*.journey)</translation>
    </message>
    <message>
        <source>Maps</source>
        <translation>Cartes</translation>
    </message>
    <message>
        <source>Palette</source>
        <translation>Palette</translation>
    </message>
    <message>
        <source>Personas</source>
        <translation>Personas</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>Départements</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Inspecteur</translation>
    </message>
    <message>
        <source>Vote</source>
        <translation>Vote</translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation>Classement</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Nouveau…</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Enregistrer &amp;sous…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimer…</translation>
    </message>
    <message>
        <source>&amp;Merge from File…</source>
        <translation>&amp;Fusionner depuis un fichier…</translation>
    </message>
    <message>
        <source>Import &amp;Events…</source>
        <translation>Importer des &amp;événements…</translation>
    </message>
    <message>
        <source>Import &amp;Survey…</source>
        <translation>Importer une en&amp;quête…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Co&amp;uper</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>C&amp;oller</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>&amp;Tout sélectionner</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>Rec&amp;hercher…</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Zoom a&amp;vant</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Zoom a&amp;rrière</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>&amp;Taille réelle</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>&amp;Ajuster à la fenêtre</translation>
    </message>
    <message>
        <source>Department &amp;Legend</source>
        <translation>&amp;Légende des départements</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Ouvrir &amp;récent</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;Data</source>
        <translation>D&amp;onnées</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principale</translation>
    </message>
    <message>
        <source>&amp;Undo {0}</source>
        <translation>&amp;Annuler {0}</translation>
    </message>
    <message>
        <source>&amp;Redo {0}</source>
        <translation>&amp;Rétablir {0}</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <source>(no recent files)</source>
        <translation>(aucun fichier récent)</translation>
    </message>
    <message>
        <source>Updated with changes saved by another window or program.</source>
        <translation>Mis à jour avec les modifications enregistrées par une autre fenêtre ou un autre programme.</translation>
    </message>
    <message>
        <source>File already open</source>
        <translation>Fichier déjà ouvert</translation>
    </message>
    <message>
        <source>{0} is already open for editing in another Journey Editor window (process {1} on {2}). Both may edit it: each change is saved at once and the other window shows it, but a step the other window changed cannot be undone here.</source>
        <translation>{0} est déjà ouvert en modification dans une autre fenêtre de Journey Editor (processus {1} sur {2}). Les deux peuvent le modifier : chaque changement est enregistré aussitôt et l’autre fenêtre l’affiche, mais une étape modifiée par l’autre fenêtre ne peut pas être annulée ici.</translation>
    </message>
    <message>
        <source>Open &amp;read-only</source>
        <translation>Ouvrir en &amp;lecture seule</translation>
    </message>
    <message>
        <source>&amp;Edit anyway</source>
        <translation>&amp;Modifier quand même</translation>
    </message>
    <message>
        <source>Open it to read and export only?</source>
        <translation>L’ouvrir en lecture seule, pour le consulter et l’exporter&#xa0;?</translation>
    </message>
    <message>
        <source>Read-only file</source>
        <translation>Fichier en lecture seule</translation>
    </message>
    <message>
        <source>Open journey map</source>
        <translation>Ouvrir une carte de parcours</translation>
    </message>
    <message>
        <source>Awareness → Advocacy (5 stages)</source>
        <translation>Sensibilisation → Recommandation (5 étapes)</translation>
    </message>
    <message>
        <source>Discovery → Loyalty (4 stages)</source>
        <translation>Découverte → Fidélité (4 étapes)</translation>
    </message>
    <message>
        <source>Need → Post-purchase (4 stages)</source>
        <translation>Besoin → Après-achat (4 étapes)</translation>
    </message>
    <message>
        <source>Blank: Before / During / After</source>
        <translation>Vierge&#xa0;: Avant / Pendant / Après</translation>
    </message>
    <message>
        <source>Sample project (worked examples)</source>
        <translation>Projet d’exemple (cas concrets)</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Nouveau projet</translation>
    </message>
    <message>
        <source>Start from template:</source>
        <translation>Partir du modèle&#xa0;:</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Enregistrer sous</translation>
    </message>
    <message>
        <source>Journey Editor</source>
        <translation>Journey Editor</translation>
    </message>
    <message>
        <source>{0} (read-only)</source>
        <translation>{0} (lecture seule)</translation>
    </message>
    <message>
        <source>{0} — Journey Editor</source>
        <translation>{0} — Journey Editor</translation>
    </message>
    <message>
        <source>This card is no longer on that map.</source>
        <translation>Cette fiche n’est plus sur cette carte.</translation>
    </message>
    <message>
        <source>The figures are on the map (Undo takes them back).</source>
        <translation>Les chiffres sont sur la carte (Annuler les retire).</translation>
    </message>
</context>
<context>
    <name>MapForm</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Current journey</source>
        <translation>Parcours actuel</translation>
    </message>
    <message>
        <source>Ideal journey</source>
        <translation>Parcours idéal</translation>
    </message>
    <message>
        <source>Journey</source>
        <translation>Parcours</translation>
    </message>
    <message>
        <source>Persona</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>(sans nom)</translation>
    </message>
</context>
<context>
    <name>MapScene</name>
    <message>
        <source>Departments</source>
        <translation>Départements</translation>
    </message>
</context>
<context>
    <name>MapsPanel</name>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Add a map</source>
        <translation>Ajouter une carte</translation>
    </message>
    <message>
        <source>Ideal</source>
        <translation>Idéal</translation>
    </message>
    <message>
        <source>Duplicate as the ideal journey</source>
        <translation>Dupliquer en parcours idéal</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renommer</translation>
    </message>
    <message>
        <source>Rename map</source>
        <translation>Renommer la carte</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Delete map</source>
        <translation>Supprimer la carte</translation>
    </message>
    <message>
        <source>(untitled map)</source>
        <translation>(carte sans titre)</translation>
    </message>
    <message>
        <source>(ideal)</source>
        <translation>(idéal)</translation>
    </message>
    <message>
        <source>New map</source>
        <translation>Nouvelle carte</translation>
    </message>
    <message>
        <source>Name of the map:</source>
        <translation>Nom de la carte&#xa0;:</translation>
    </message>
    <message>
        <source>Awareness</source>
        <translation>Sensibilisation</translation>
    </message>
    <message>
        <source>Consideration</source>
        <translation>Considération</translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation>Achat</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>Fidélisation</translation>
    </message>
    <message>
        <source>Advocacy</source>
        <translation>Recommandation</translation>
    </message>
    <message>
        <source>Touchpoints</source>
        <translation>Points de contact</translation>
    </message>
    <message>
        <source>Customer actions</source>
        <translation>Actions du client</translation>
    </message>
    <message>
        <source>Thoughts</source>
        <translation>Pensées</translation>
    </message>
    <message>
        <source>Emotions</source>
        <translation>Émotions</translation>
    </message>
    <message>
        <source>Pain points</source>
        <translation>Irritants</translation>
    </message>
    <message>
        <source>Opportunities</source>
        <translation>Opportunités</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Indicateurs</translation>
    </message>
    <message>
        <source>{0} — ideal</source>
        <translation>{0} — idéal</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nom&#xa0;:</translation>
    </message>
    <message>
        <source>Delete this map and all its cards? You can undo it.</source>
        <translation>Supprimer cette carte et toutes ses fiches&#xa0;? Vous pourrez annuler.</translation>
    </message>
</context>
<context>
    <name>MeasureProgress</name>
    <message>
        <source>{h} h {m:02d} min</source>
        <translation>{h} h {m:02d} min</translation>
    </message>
    <message>
        <source>{m} min {s:02d} s</source>
        <translation>{m} min {s:02d} s</translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation>{s} s</translation>
    </message>
    <message>
        <source>Opening the file…</source>
        <translation>Ouverture du fichier…</translation>
    </message>
    <message>
        <source>Converting the file to UTF-8…</source>
        <translation>Conversion du fichier en UTF-8…</translation>
    </message>
    <message>
        <source>Numbering the lines…</source>
        <translation>Numérotation des lignes…</translation>
    </message>
    <message>
        <source>Checking the rows…</source>
        <translation>Vérification des lignes…</translation>
    </message>
    <message>
        <source>Counting the event names…</source>
        <translation>Décompte des noms d’événements…</translation>
    </message>
    <message>
        <source>Computing the figures…</source>
        <translation>Calcul des chiffres…</translation>
    </message>
</context>
<context>
    <name>MeasureRun</name>
    <message>
        <source>{message}
Nothing was changed.</source>
        <translation>{message}
Rien n’a été modifié.</translation>
    </message>
</context>
<context>
    <name>Measures</name>
    <message>
        <source>There is no map {map}.</source>
        <translation>Il n’y a pas de carte {map}.</translation>
    </message>
    <message>
        <source>The map has no stage called {name}.</source>
        <translation>La carte n’a pas d’étape nommée {name}.</translation>
    </message>
    <message>
        <source>Stage {stage} has no card {card} to measure as a touchpoint.</source>
        <translation>L’étape {stage} n’a pas de carte {card} à mesurer comme point de contact.</translation>
    </message>
    <message>
        <source>More than {most} segment columns.</source>
        <translation>Plus de {most} colonnes de segment.</translation>
    </message>
    <message>
        <source>A column name is empty or too long.</source>
        <translation>Un nom de colonne est vide ou trop long.</translation>
    </message>
    <message>
        <source>The map has no stage {key}.</source>
        <translation>La carte n’a pas d’étape {key}.</translation>
    </message>
    <message>
        <source>A stage lists more than {most} event names or touchpoints.</source>
        <translation>Une étape liste plus de {most} noms d’événements ou points de contact.</translation>
    </message>
    <message>
        <source>An event name is empty or too long.</source>
        <translation>Un nom d’événement est vide ou trop long.</translation>
    </message>
    <message>
        <source>The map has no card {card}.</source>
        <translation>La carte n’a pas de carte {card}.</translation>
    </message>
    <message>
        <source>The map has {most} lanes, the most it may have.</source>
        <translation>La carte a {most} couloirs, le maximum permis.</translation>
    </message>
    <message>
        <source>{stamp} is not a time as 2026-11-30T09:15:00Z.</source>
        <translation>{stamp} n’est pas une heure comme 2026-11-30T09:15:00Z.</translation>
    </message>
    <message>
        <source>A segment value is longer than {most} characters.</source>
        <translation>Une valeur de segment dépasse {most} caractères.</translation>
    </message>
    <message>
        <source>A count is out of range: {value}.</source>
        <translation>Un effectif est hors limites : {value}.</translation>
    </message>
    <message>
        <source>The segment column has {count} values, more than {most}; choose a column with fewer.</source>
        <translation>La colonne de segment a {count} valeurs, plus de {most} ; choisissez une colonne qui en a moins.</translation>
    </message>
    <message>
        <source>A run is broken down by one segment column at most.</source>
        <translation>Une mesure se ventile par une seule colonne de segment au plus.</translation>
    </message>
    <message>
        <source>Funnel</source>
        <translation>Entonnoir</translation>
    </message>
    <message>
        <source>Import events</source>
        <translation>Importer des événements</translation>
    </message>
    <message>
        <source>Verbatims</source>
        <translation>Verbatims</translation>
    </message>
    <message>
        <source>Survey</source>
        <translation>Enquête</translation>
    </message>
    <message>
        <source>A mean effort is out of range: {value}.</source>
        <translation>Un effort moyen est hors limites : {value}.</translation>
    </message>
    <message>
        <source>Import survey</source>
        <translation>Importer une enquête</translation>
    </message>
    <message>
        <source>The verbatims would give the map more than {most} cards.</source>
        <translation>Les verbatims donneraient à la carte plus de {most} cartes.</translation>
    </message>
    <message>
        <source>The effort scale must run upwards within {least:g} to {most:g}.</source>
        <translation>L’échelle d’effort doit être croissante, entre {least:g} et {most:g}.</translation>
    </message>
</context>
<context>
    <name>Merge</name>
    <message>
        <source>it is the project being merged into</source>
        <translation>c’est le projet dans lequel on fusionne</translation>
    </message>
    <message>
        <source>it has no map named “{0}” (its maps: {1})</source>
        <translation>aucune carte nommée «&#xa0;{0}&#xa0;» (cartes du projet&#xa0;: {1})</translation>
    </message>
    <message>
        <source>new maps: {0}</source>
        <translation>nouvelles cartes&#xa0;: {0}</translation>
    </message>
    <message>
        <source>new stages: {0}</source>
        <translation>nouvelles étapes&#xa0;: {0}</translation>
    </message>
    <message>
        <source>new lanes: {0}</source>
        <translation>nouveaux couloirs&#xa0;: {0}</translation>
    </message>
    <message>
        <source>new departments: {0}</source>
        <translation>nouveaux départements&#xa0;: {0}</translation>
    </message>
    <message>
        <source>new participants: {0}</source>
        <translation>nouveaux participants&#xa0;: {0}</translation>
    </message>
    <message>
        <source>cards added: {0}</source>
        <translation>cartes ajoutées&#xa0;: {0}</translation>
    </message>
    <message>
        <source>cards skipped, already in their cell: {0}</source>
        <translation>cartes ignorées, déjà dans leur case&#xa0;: {0}</translation>
    </message>
    <message>
        <source>matched: {0} stages, {1} lanes, {2} departments, {3} participants</source>
        <translation>reconnus&#xa0;: {0} étapes, {1} couloirs, {2} départements, {3} participants</translation>
    </message>
    <message>
        <source>already merged before: its feelings are not counted again</source>
        <translation>déjà fusionné&#xa0;: ses émotions ne sont pas comptées une seconde fois</translation>
    </message>
    <message>
        <source>feelings averaged in: {0}</source>
        <translation>émotions ajoutées à la moyenne&#xa0;: {0}</translation>
    </message>
    <message>
        <source>and {0} more</source>
        <translation>et {0} de plus</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge from files</source>
        <translation>Fusionner des fichiers</translation>
    </message>
    <message>
        <source>Nothing has been changed yet. OK merges it all as one step (Undo takes it back).</source>
        <translation>Rien n’a encore été modifié. OK fusionne le tout en une seule étape (Annuler la reprend).</translation>
    </message>
    <message>
        <source>These files hold nothing that the project does not already have.</source>
        <translation>Ces fichiers ne contiennent rien que le projet n’ait déjà.</translation>
    </message>
    <message>
        <source>Nothing was merged.</source>
        <translation>Rien n’a été fusionné.</translation>
    </message>
    <message>
        <source>Journey Editor files (*.journey)</source>
        <translation>Fichiers Journey Editor (*.journey)</translation>
    </message>
</context>
<context>
    <name>MetricSuggestionsDialog</name>
    <message>
        <source>Suggested metrics</source>
        <translation>Indicateurs suggérés</translation>
    </message>
    <message>
        <source>Metrics often measured at each stage, for the lane “{0}”. A stage&apos;s kind is guessed from its name: change it if it is wrong. “Add metrics” adds the ticked ones as one step (Undo takes them back).</source>
        <translation>Indicateurs souvent mesurés à chaque étape, pour le couloir « {0} ». Le type d’une étape est deviné d’après son nom : changez-le s’il est faux. « Ajouter les indicateurs » ajoute ceux qui sont cochés en une seule étape (Annuler les retire).</translation>
    </message>
    <message>
        <source>Stage and metric</source>
        <translation>Étape et indicateur</translation>
    </message>
    <message>
        <source>Better when</source>
        <translation>Mieux quand c’est</translation>
    </message>
    <message>
        <source>No suggestion</source>
        <translation>Aucune suggestion</translation>
    </message>
    <message>
        <source>Add metrics</source>
        <translation>Ajouter les indicateurs</translation>
    </message>
    <message>
        <source>higher</source>
        <translation>plus haut</translation>
    </message>
    <message>
        <source>lower</source>
        <translation>plus bas</translation>
    </message>
    <message>
        <source>Add suggested metrics</source>
        <translation>Ajouter des indicateurs suggérés</translation>
    </message>
</context>
<context>
    <name>NumberLine</name>
    <message>
        <source>no value</source>
        <translation>aucune valeur</translation>
    </message>
</context>
<context>
    <name>OpenLock</name>
    <message>
        <source>File open</source>
        <translation>Fichier ouvert</translation>
    </message>
    <message>
        <source>{0} is open in Journey Editor. Choose another file.</source>
        <translation>{0} est ouvert dans Journey Editor. Choisissez un autre fichier.</translation>
    </message>
</context>
<context>
    <name>Palette</name>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Touchpoint</source>
        <translation>Point de contact</translation>
    </message>
    <message>
        <source>Pain point</source>
        <translation>Irritant</translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation>Opportunité</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Indicateur</translation>
    </message>
    <message>
        <source>Drag into a cell to add a card</source>
        <translation>Faites glisser dans une case pour ajouter une fiche</translation>
    </message>
    <message>
        <source>Text lane</source>
        <translation>Couloir de texte</translation>
    </message>
    <message>
        <source>Touchpoint lane</source>
        <translation>Couloir de points de contact</translation>
    </message>
    <message>
        <source>Emotion lane</source>
        <translation>Couloir d’émotions</translation>
    </message>
    <message>
        <source>Pain point lane</source>
        <translation>Couloir d’irritants</translation>
    </message>
    <message>
        <source>Opportunity lane</source>
        <translation>Couloir d’opportunités</translation>
    </message>
    <message>
        <source>Metric lane</source>
        <translation>Couloir d’indicateurs</translation>
    </message>
    <message>
        <source>Image lane</source>
        <translation>Couloir d’images</translation>
    </message>
    <message>
        <source>Drag between two lanes to add a lane there</source>
        <translation>Faites glisser entre deux couloirs pour y ajouter un couloir</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Drag between two stages to add a stage there</source>
        <translation>Faites glisser entre deux étapes pour y ajouter une étape</translation>
    </message>
</context>
<context>
    <name>PersonaDialog</name>
    <message>
        <source>Persona</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Not said</source>
        <translation>Non précisé</translation>
    </message>
    <message>
        <source> years</source>
        <translation>&#xa0;ans</translation>
    </message>
    <message>
        <source>Choose photo…</source>
        <translation>Choisir une photo…</translation>
    </message>
    <message>
        <source>Remove photo</source>
        <translation>Retirer la photo</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Âge</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Socio-professional category</source>
        <translation>Catégorie socioprofessionnelle</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>Objectifs</translation>
    </message>
    <message>
        <source>Frustrations</source>
        <translation>Frustrations</translation>
    </message>
    <message>
        <source>Motivations</source>
        <translation>Motivations</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>Citation</translation>
    </message>
    <message>
        <source>Farmers</source>
        <translation>Agriculteurs exploitants</translation>
    </message>
    <message>
        <source>Craftspeople, shopkeepers and business owners</source>
        <translation>Artisans, commerçants et chefs d’entreprise</translation>
    </message>
    <message>
        <source>Managers and higher professionals</source>
        <translation>Cadres et professions intellectuelles supérieures</translation>
    </message>
    <message>
        <source>Intermediate professions</source>
        <translation>Professions intermédiaires</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>Employés</translation>
    </message>
    <message>
        <source>Manual workers</source>
        <translation>Ouvriers</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>Retraités</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Élèves et étudiants</translation>
    </message>
    <message>
        <source>Not working</source>
        <translation>Sans activité professionnelle</translation>
    </message>
    <message>
        <source>Choose a photo</source>
        <translation>Choisir une photo</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.webp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.gif *.webp)</translation>
    </message>
    <message>
        <source>No photo</source>
        <translation>Aucune photo</translation>
    </message>
</context>
<context>
    <name>PersonasPanel</name>
    <message>
        <source>Add a persona</source>
        <translation>Ajouter un persona</translation>
    </message>
    <message>
        <source>Edit persona</source>
        <translation>Modifier le persona</translation>
    </message>
    <message>
        <source>Delete persona</source>
        <translation>Supprimer le persona</translation>
    </message>
    <message>
        <source>(unnamed persona)</source>
        <translation>(persona sans nom)</translation>
    </message>
    <message>
        <source>Delete the persona “{0}”? Maps drawn for this persona keep existing, for no one in particular. You can undo it.</source>
        <translation>Supprimer le persona «&#xa0;{0}&#xa0;»&#xa0;? Les cartes dessinées pour ce persona sont conservées, sans persona associé. Vous pourrez annuler.</translation>
    </message>
</context>
<context>
    <name>PointForm</name>
    <message>
        <source>Very negative</source>
        <translation>Très négatif</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>Négatif</translation>
    </message>
    <message>
        <source>Neutral</source>
        <translation>Neutre</translation>
    </message>
    <message>
        <source>Positive</source>
        <translation>Positif</translation>
    </message>
    <message>
        <source>Very positive</source>
        <translation>Très positif</translation>
    </message>
    <message>
        <source>Feeling</source>
        <translation>Ressenti</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>Presenter</name>
    <message>
        <source>&amp;Presenter View</source>
        <translation>Vue &amp;présentateur</translation>
    </message>
    <message>
        <source>The map alone, full screen, with a workshop timer</source>
        <translation>La carte seule, en plein écran, avec un minuteur d’atelier</translation>
    </message>
    <message>
        <source>&amp;Next Map</source>
        <translation>Carte &amp;suivante</translation>
    </message>
    <message>
        <source>P&amp;revious Map</source>
        <translation>Carte pré&amp;cédente</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>Rows read: counting…</source>
        <translation>Lignes lues : décompte…</translation>
    </message>
    <message>
        <source>Rows read: about {done} of {total}</source>
        <translation>Lignes lues : environ {done} sur {total}</translation>
    </message>
    <message>
        <source>Rows read: about {done}</source>
        <translation>Lignes lues : environ {done}</translation>
    </message>
    <message>
        <source>{rate} rows per second</source>
        <translation>{rate} lignes par seconde</translation>
    </message>
    <message>
        <source>Time left: about {t}</source>
        <translation>Temps restant : environ {t}</translation>
    </message>
</context>
<context>
    <name>RankedPanel</name>
    <message>
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Fiche</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Lane</source>
        <translation>Couloir</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>Votes</translation>
    </message>
    <message>
        <source>Severity / priority</source>
        <translation>Gravité / priorité</translation>
    </message>
    <message>
        <source>Show only the top</source>
        <translation>N’afficher que les</translation>
    </message>
</context>
<context>
    <name>StageForm</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Couleur</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Largeur</translation>
    </message>
</context>
<context>
    <name>StageMappingDialog</name>
    <message>
        <source>Stages and event names</source>
        <translation>Étapes et noms d’événements</translation>
    </message>
    <message>
        <source>Give each stage the event names that mean it. * stands for any text and ? for one character; case does not matter. An event counts for the first stage that matches it. Drag names from the file&apos;s list onto a stage.</source>
        <translation>Donnez à chaque étape les noms d’événements qui la signifient. * remplace n’importe quel texte et ? un caractère ; les majuscules ne comptent pas. Un événement compte pour la première étape qui lui correspond. Faites glisser des noms de la liste du fichier sur une étape.</translation>
    </message>
    <message>
        <source>Stages of the map</source>
        <translation>Étapes de la carte</translation>
    </message>
    <message>
        <source>Event names of this stage</source>
        <translation>Noms d’événements de cette étape</translation>
    </message>
    <message>
        <source>a name or a pattern, e.g. visit*</source>
        <translation>un nom ou un motif, par ex. visite*</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Touchpoint cards these figures belong to (optional)</source>
        <translation>Cartes de points de contact concernées par ces chiffres (facultatif)</translation>
    </message>
    <message>
        <source>Event name</source>
        <translation>Nom de l’événement</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>← Add to the stage</source>
        <translation>← Ajouter à l’étape</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>Charger…</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Enregistrer…</translation>
    </message>
    <message>
        <source>Event names in the file (the {shown} most frequent of {all})</source>
        <translation>Noms d’événements du fichier (les {shown} plus fréquents sur {all})</translation>
    </message>
    <message>
        <source>Event names in the file ({all})</source>
        <translation>Noms d’événements du fichier ({all})</translation>
    </message>
    <message>
        <source>{stage} (no event)</source>
        <translation>{stage} (aucun événement)</translation>
    </message>
    <message>
        <source>{stage} ({count})</source>
        <translation>{stage} ({count})</translation>
    </message>
    <message>
        <source>{counted} of the {listed} events listed fall in a stage.</source>
        <translation>{counted} des {listed} événements listés tombent dans une étape.</translation>
    </message>
    <message>
        <source>the mapping</source>
        <translation>la correspondance</translation>
    </message>
    <message>
        <source>Load a mapping</source>
        <translation>Charger une correspondance</translation>
    </message>
    <message>
        <source>These stages are not in this map and were left out: {names}</source>
        <translation>Ces étapes ne sont pas dans cette carte et ont été ignorées : {names}</translation>
    </message>
    <message>
        <source>Save the mapping</source>
        <translation>Enregistrer la correspondance</translation>
    </message>
</context>
<context>
    <name>StartVoteDialog</name>
    <message>
        <source>Start vote</source>
        <translation>Lancer le vote</translation>
    </message>
    <message>
        <source>At most one dot per card from each participant</source>
        <translation>Au plus une gommette par fiche et par participant</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>Vote on the cards of:</source>
        <translation>Voter sur les fiches de :</translation>
    </message>
    <message>
        <source>Dots per participant:</source>
        <translation>Gommettes par participant :</translation>
    </message>
</context>
<context>
    <name>SurveyImport</name>
    <message>
        <source>Import survey</source>
        <translation>Importer une enquête</translation>
    </message>
</context>
<context>
    <name>SurveyPreviewDialog</name>
    <message>
        <source>Import survey: {name}</source>
        <translation>Importer une enquête : {name}</translation>
    </message>
    <message>
        <source>Scores and verbatims</source>
        <translation>Notes et verbatims</translation>
    </message>
    <message>
        <source>Effort score from:</source>
        <translation>Note d’effort de :</translation>
    </message>
    <message>
        <source>Verbatims per stage (the most recent):</source>
        <translation>Verbatims par étape (les plus récents) :</translation>
    </message>
    <message>
        <source>This file has no column {columns} of the columns saved with the map by its last survey import: choose the columns again.</source>
        <translation>Ce fichier n’a pas la colonne {columns} parmi celles enregistrées avec la carte lors de sa dernière importation d’enquête : choisissez à nouveau les colonnes.</translation>
    </message>
    <message>
        <source>Stage or touchpoint:</source>
        <translation>Étape ou point de contact :</translation>
    </message>
    <message>
        <source>NPS score (0–10):</source>
        <translation>Note NPS (0–10) :</translation>
    </message>
    <message>
        <source>Effort score:</source>
        <translation>Note d’effort :</translation>
    </message>
    <message>
        <source>Free text:</source>
        <translation>Texte libre :</translation>
    </message>
    <message>
        <source>Answered on:</source>
        <translation>Date de réponse :</translation>
    </message>
    <message>
        <source>Break down by:</source>
        <translation>Ventiler par :</translation>
    </message>
</context>
<context>
    <name>TimerOverlay</name>
    <message>
        <source>{0} min</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Réinitialiser</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
</context>
<context>
    <name>Voting</name>
    <message>
        <source>A vote is already running on this map.</source>
        <translation>Un vote est déjà en cours sur cette carte.</translation>
    </message>
    <message>
        <source>Choose at least one lane to vote on.</source>
        <translation>Choisissez au moins un couloir sur lequel voter.</translation>
    </message>
    <message>
        <source>Each participant has from 1 to {0} dots.</source>
        <translation>Chaque participant a de 1 à {0} gommettes.</translation>
    </message>
    <message>
        <source>Start vote</source>
        <translation>Lancer le vote</translation>
    </message>
    <message>
        <source>Close vote</source>
        <translation>Clore le vote</translation>
    </message>
    <message>
        <source>This participant has used all {0} of their dots.</source>
        <translation>Ce participant a utilisé ses {0} gommettes.</translation>
    </message>
    <message>
        <source>This participant has already voted for this card.</source>
        <translation>Ce participant a déjà voté pour cette fiche.</translation>
    </message>
    <message>
        <source>This card cannot take any more votes.</source>
        <translation>Cette fiche ne peut plus recevoir de votes.</translation>
    </message>
    <message>
        <source>Vote</source>
        <translation>Vote</translation>
    </message>
    <message>
        <source>This participant has no vote on this card.</source>
        <translation>Ce participant n’a pas voté pour cette fiche.</translation>
    </message>
    <message>
        <source>Take back vote</source>
        <translation>Retirer un vote</translation>
    </message>
    <message>
        <source>Sort by votes</source>
        <translation>Trier par votes</translation>
    </message>
    <message>
        <source>This vote is closed.</source>
        <translation>Ce vote est clos.</translation>
    </message>
    <message>
        <source>The vote is not on this lane ({0}).</source>
        <translation>Le vote ne porte pas sur ce couloir ({0}).</translation>
    </message>
</context>
<context>
    <name>VotingPanel</name>
    <message>
        <source>Start vote…</source>
        <translation>Lancer un vote…</translation>
    </message>
    <message>
        <source>Close vote</source>
        <translation>Clore le vote</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Participant</translation>
    </message>
    <message>
        <source>Dots left</source>
        <translation>Gommettes restantes</translation>
    </message>
    <message>
        <source>Click a participant to vote as them.</source>
        <translation>Cliquez sur un participant pour voter en son nom.</translation>
    </message>
    <message>
        <source>No participants yet: add them before voting.</source>
        <translation>Pas encore de participants : ajoutez-les avant de voter.</translation>
    </message>
    <message>
        <source>Vote for the selected card</source>
        <translation>Voter pour la fiche sélectionnée</translation>
    </message>
    <message>
        <source>No vote is running on this map.</source>
        <translation>Aucun vote en cours sur cette carte.</translation>
    </message>
    <message>
        <source> One dot per card at most.</source>
        <translation> Au plus une gommette par fiche.</translation>
    </message>
    <message>
        <source>Vote running on: {0}. One dot per participant.</source>
        <translation>Vote en cours sur&#xa0;: {0}. Une gommette par participant.</translation>
    </message>
    <message numerus="yes">
        <source>Vote running on: {0}. %n dots per participant.</source>
        <translation>
            <numerusform>Vote en cours sur&#xa0;: {0}. %n gommette par participant.</numerusform>
            <numerusform>Vote en cours sur&#xa0;: {0}. %n gommettes par participant.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select one card to vote for.</source>
        <translation>Sélectionnez une fiche pour voter.</translation>
    </message>
    <message>
        <source>Take back my vote</source>
        <translation>Retirer mon vote</translation>
    </message>
    <message>
        <source>Choose who is voting first: click a participant in the Vote panel.</source>
        <translation>Choisissez d’abord qui vote : cliquez sur un participant dans le panneau Vote.</translation>
    </message>
</context>
<context>
    <name>WorkshopBar</name>
    <message>
        <source>Workshop</source>
        <translation>Atelier</translation>
    </message>
    <message>
        <source>The department new cards are written for</source>
        <translation>Le département au nom duquel les nouvelles cartes sont écrites</translation>
    </message>
    <message>
        <source>The participant new cards are written by</source>
        <translation>Le participant qui écrit les nouvelles cartes</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>Département :</translation>
    </message>
    <message>
        <source>Participant:</source>
        <translation>Participant :</translation>
    </message>
    <message>
        <source>New participant…</source>
        <translation>Nouveau participant…</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <source>New participant</source>
        <translation>Nouveau participant</translation>
    </message>
    <message>
        <source>Participant&apos;s name:</source>
        <translation>Nom du participant :</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Cannot open file</source>
        <translation>Impossible d’ouvrir le fichier</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>Created {0} from template {1} ({2}).</source>
        <translation>{0} créé à partir du modèle {1} ({2}).</translation>
    </message>
    <message>
        <source>{0} maps, {1} cards, {2} personas, {3} departments</source>
        <translation>{0} cartes, {1} fiches, {2} personas, {3} départements</translation>
    </message>
    <message>
        <source>{0}. {1} [{2}]: {3} stages, {4} lanes, {5} cards</source>
        <translation>{0}. {1} [{2}]&#xa0;: {3} étapes, {4} couloirs, {5} fiches</translation>
    </message>
    <message>
        <source>measured ({0}): {1} runs, the latest {2} from {3}</source>
        <translation>mesuré ({0}) : {1} mesures, la dernière le {2} depuis {3}</translation>
    </message>
    <message>
        <source> (read-only)</source>
        <translation> (lecture seule)</translation>
    </message>
    <message>
        <source>{0}: sound{1}.</source>
        <translation>{0}&#xa0;: fichier en bon état{1}.</translation>
    </message>
    <message>
        <source>no run of these maps measured the segment “{0}” (measured: {1})</source>
        <translation>aucune mesure de ces cartes n’a porté sur le segment «&#xa0;{0}&#xa0;» (mesurés&#xa0;: {1})</translation>
    </message>
    <message>
        <source>“{0}” is a value of several columns: name one ({1})</source>
        <translation>«&#xa0;{0}&#xa0;» est une valeur de plusieurs colonnes&#xa0;: nommez-en une ({1})</translation>
    </message>
    <message>
        <source>it has no map named “{0}” (its maps: {1})</source>
        <translation>aucune carte nommée «&#xa0;{0}&#xa0;» (cartes du projet&#xa0;: {1})</translation>
    </message>
    <message>
        <source>Exported {0} to {1}.</source>
        <translation>{0} exporté vers {1}.</translation>
    </message>
    <message>
        <source>Imported {0} into {1}.</source>
        <translation>{0} importé dans {1}.</translation>
    </message>
    <message>
        <source>Nothing was written to {0}.</source>
        <translation>Rien n’a été écrit dans {0}.</translation>
    </message>
    <message>
        <source>Merged into {0}.</source>
        <translation>Fusionné dans {0}.</translation>
    </message>
    <message>
        <source>expected a number from {0} to {1}</source>
        <translation>nombre attendu entre {0} et {1}</translation>
    </message>
    <message>
        <source>Customer journey map editor.</source>
        <translation>Éditeur de cartes de parcours client.</translation>
    </message>
    <message>
        <source>create a project file from a template</source>
        <translation>créer un fichier de projet à partir d’un modèle</translation>
    </message>
    <message>
        <source>the template&apos;s language (default: the interface&apos;s)</source>
        <translation>la langue du modèle (par défaut : celle de l&apos;interface)</translation>
    </message>
    <message>
        <source>replace an existing file</source>
        <translation>remplacer un fichier existant</translation>
    </message>
    <message>
        <source>list template ids</source>
        <translation>lister les identifiants des modèles</translation>
    </message>
    <message>
        <source>describe a project file</source>
        <translation>décrire un fichier de projet</translation>
    </message>
    <message>
        <source>check that a project file is sound</source>
        <translation>vérifier qu’un fichier de projet est en bon état</translation>
    </message>
    <message>
        <source>export a project</source>
        <translation>exporter un projet</translation>
    </message>
    <message>
        <source>the map to export (default: every map in a PDF or workbook, else the first)</source>
        <translation>la carte à exporter (par défaut&#xa0;: toutes les cartes en PDF ou en classeur, sinon la première)</translation>
    </message>
    <message>
        <source>paper size (PDF)</source>
        <translation>format du papier (PDF)</translation>
    </message>
    <message>
        <source>paper orientation; auto turns each map&apos;s pages to print it larger (PDF)</source>
        <translation>orientation du papier ; auto tourne les pages de chaque carte pour l’imprimer au plus grand (PDF)</translation>
    </message>
    <message>
        <source>the same as --orientation landscape</source>
        <translation>identique à --orientation landscape</translation>
    </message>
    <message>
        <source>each map on one page (PDF, default)</source>
        <translation>chaque carte sur une page (PDF, par défaut)</translation>
    </message>
    <message>
        <source>each map across pages at --scale (PDF)</source>
        <translation>chaque carte en mosaïque de pages, à l’échelle --scale (PDF)</translation>
    </message>
    <message>
        <source>printed size in percent when tiling (default 100)</source>
        <translation>taille d’impression en pourcentage, en mosaïque (100 par défaut)</translation>
    </message>
    <message>
        <source>a cover page with persona and legend before each map (PDF)</source>
        <translation>une page de couverture avec persona et légende avant chaque carte (PDF)</translation>
    </message>
    <message>
        <source>funnel and survey lanes show the figures of the customers with this segment value, VALUE alone when one column has it, COLUMN= for those without one (as the window&apos;s “Figures for”; default: everyone)</source>
        <translation>les couloirs entonnoir et enquête montrent les chiffres des clients de cette valeur de segment, VALUE seule quand une seule colonne l’a, COLUMN= pour ceux qui n’en ont pas (comme «&#xa0;Chiffres pour&#xa0;» dans la fenêtre&#xa0;; par défaut&#xa0;: tous)</translation>
    </message>
    <message>
        <source>--segment is for pdf, png, svg, xlsx and pptx</source>
        <translation>--segment vaut pour pdf, png, svg, xlsx et pptx</translation>
    </message>
    <message>
        <source>resolution of a PNG: 96 for screens, 300 for print</source>
        <translation>résolution d’un PNG&#xa0;: 96 pour l’écran, 300 pour l’impression</translation>
    </message>
    <message>
        <source>no white background (PNG, SVG)</source>
        <translation>sans fond blanc (PNG, SVG)</translation>
    </message>
    <message>
        <source>a title, the date, the persona and a legend around the map (PNG, SVG)</source>
        <translation>un titre, la date, le persona et une légende autour de la carte (PNG, SVG)</translation>
    </message>
    <message>
        <source>text drawn as outlines, the same on machines without the font (SVG, default)</source>
        <translation>texte dessiné en contours, le même sur les machines sans la police (SVG, par défaut)</translation>
    </message>
    <message>
        <source>CSV separator (default: ; for a French project, else ,)</source>
        <translation>séparateur CSV (par défaut&#xa0;: ; pour un projet en français, sinon ,)</translation>
    </message>
    <message>
        <source>make a project file from a JSON export</source>
        <translation>créer un fichier de projet à partir d’un export JSON</translation>
    </message>
    <message>
        <source>merge draft copies into a project</source>
        <translation>fusionner des brouillons dans un projet</translation>
    </message>
    <message>
        <source>merge only the drafts&apos; map of this name</source>
        <translation>ne fusionner que la carte de ce nom des brouillons</translation>
    </message>
    <message>
        <source>the project&apos;s map to merge into (default: by name)</source>
        <translation>la carte du projet où fusionner (par défaut&#xa0;: selon le nom)</translation>
    </message>
    <message>
        <source>show what would change, write nothing</source>
        <translation>montrer ce qui changerait, sans rien écrire</translation>
    </message>
    <message>
        <source>funnel figures per stage from event data</source>
        <translation>chiffres d’entonnoir par étape à partir de données d’événements</translation>
    </message>
    <message>
        <source>a CSV or Parquet file</source>
        <translation>un fichier CSV ou Parquet</translation>
    </message>
    <message>
        <source>a database URL instead of a file</source>
        <translation>l’URL d’une base de données au lieu d’un fichier</translation>
    </message>
    <message>
        <source>the table of events (with --source)</source>
        <translation>la table des événements (avec --source)</translation>
    </message>
    <message>
        <source>JSON file: stages and event names</source>
        <translation>fichier JSON : étapes et noms d’événements</translation>
    </message>
    <message>
        <source>the column of customer ids (default: customer)</source>
        <translation>la colonne des identifiants clients (par défaut : customer)</translation>
    </message>
    <message>
        <source>the column of event times (default: timestamp)</source>
        <translation>la colonne des dates des événements (par défaut : timestamp)</translation>
    </message>
    <message>
        <source>the column of event names (default: event)</source>
        <translation>la colonne des noms d’événements (par défaut : event)</translation>
    </message>
    <message>
        <source>a column to break the figures down by (repeatable)</source>
        <translation>une colonne selon laquelle ventiler les chiffres (répétable)</translation>
    </message>
    <message>
        <source>measure the good rows when some rows cannot be used</source>
        <translation>mesurer les bonnes lignes quand certaines sont inutilisables</translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation>ligne {line}</translation>
    </message>
    <message>
        <source>… and {count} more bad rows</source>
        <translation>… et {count} autres lignes inutilisables</translation>
    </message>
    <message>
        <source>{d} d {h} h</source>
        <translation>{d} j {h} h</translation>
    </message>
    <message>
        <source>{h} h {m:02d}</source>
        <translation>{h} h {m:02d}</translation>
    </message>
    <message>
        <source>{m} min</source>
        <translation>{m} min</translation>
    </message>
    <message>
        <source>All customers</source>
        <translation>Tous les clients</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucune)</translation>
    </message>
    <message>
        <source>{title}: {count} customers</source>
        <translation>{title} : {count} clients</translation>
    </message>
    <message>
        <source>stage</source>
        <translation>étape</translation>
    </message>
    <message>
        <source>reached</source>
        <translation>atteinte</translation>
    </message>
    <message>
        <source>conversion</source>
        <translation>conversion</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>abandons</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>sautée</translation>
    </message>
    <message>
        <source>came back</source>
        <translation>retours</translation>
    </message>
    <message>
        <source>median time</source>
        <translation>durée médiane</translation>
    </message>
    <message>
        <source>90% time</source>
        <translation>durée à 90 %</translation>
    </message>
    <message>
        <source>measure a map&apos;s funnel from event data and save it</source>
        <translation>mesurer l’entonnoir d’une carte à partir d’événements et l’enregistrer</translation>
    </message>
    <message>
        <source>measure a map from survey answers and save it</source>
        <translation>mesurer une carte à partir des réponses d’une enquête et l’enregistrer</translation>
    </message>
    <message>
        <source>JSON file: the survey&apos;s columns and stage names (default: the columns saved with the map by its last survey import)</source>
        <translation>fichier JSON : les colonnes de l’enquête et les noms des étapes (par défaut : les colonnes enregistrées avec la carte lors de sa dernière importation d’enquête)</translation>
    </message>
    <message>
        <source>the survey&apos;s column of this (see --mapping)</source>
        <translation>la colonne de l’enquête qui contient ceci (voir --mapping)</translation>
    </message>
    <message>
        <source>verbatims kept per stage, the most recent (default: 5)</source>
        <translation>verbatims gardés par étape, les plus récents (par défaut : 5)</translation>
    </message>
    <message>
        <source>the map to measure</source>
        <translation>la carte à mesurer</translation>
    </message>
    <message>
        <source>a column to break the figures down by</source>
        <translation>une colonne selon laquelle ventiler les chiffres</translation>
    </message>
    <message>
        <source>Run {run} saved into the map “{map}” of {file}.</source>
        <translation>Mesure {run} enregistrée dans la carte « {map} » de {file}.</translation>
    </message>
    <message>
        <source>{stages} stages, {figures} figures written.</source>
        <translation>{stages} étapes, {figures} chiffres écrits.</translation>
    </message>
    <message>
        <source>A {kind} lane was added to the map.</source>
        <translation>Un couloir « {kind} » a été ajouté à la carte.</translation>
    </message>
    <message>
        <source>{count} verbatims added as cards.</source>
        <translation>{count} verbatims ajoutés comme cartes.</translation>
    </message>
    <message>
        <source>{count} older runs deleted (the newest {most} are kept).</source>
        <translation>{count} mesures plus anciennes supprimées (les {most} plus récentes sont gardées).</translation>
    </message>
    <message>
        <source>funnel</source>
        <translation>entonnoir</translation>
    </message>
    <message>
        <source>it has no column {missing} of the survey mapping saved with the map “{map}” (its columns: {found}); give --mapping MAPPING.json or --stage-column, --nps-column… for this file</source>
        <translation>il n’a pas la colonne {missing} de la correspondance d’enquête enregistrée avec la carte « {map} » (ses colonnes : {found}) ; indiquez --mapping MAPPING.json ou --stage-column, --nps-column… pour ce fichier</translation>
    </message>
    <message>
        <source>no --mapping was given and the map “{map}” has no survey mapping saved, and it has no column {missing} (its columns: {found}); give --mapping MAPPING.json or --stage-column, --nps-column…</source>
        <translation>aucun --mapping n’a été donné, la carte « {map} » n’a pas de correspondance d’enquête enregistrée, et il n’a pas la colonne {missing} (ses colonnes : {found}) ; indiquez --mapping MAPPING.json ou --stage-column, --nps-column…</translation>
    </message>
    <message>
        <source>survey</source>
        <translation>enquête</translation>
    </message>
    <message>
        <source>answers</source>
        <translation>réponses</translation>
    </message>
    <message>
        <source>NPS</source>
        <translation>NPS</translation>
    </message>
    <message>
        <source>effort</source>
        <translation>effort</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <source>journeyeditor: internal error ({0}); no log could be written: {1}</source>
        <translation>journeyeditor : erreur interne ({0}) ; aucun journal n’a pu être écrit : {1}</translation>
    </message>
    <message>
        <source>journeyeditor: internal error ({0}); details in {1}</source>
        <translation>journeyeditor : erreur interne ({0}) ; détails dans {1}</translation>
    </message>
</context>
</TS>
