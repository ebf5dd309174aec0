<?xml version="1.0" encoding="UTF-8"?>
<!-- Print layer: front matter — title page, introduction and editorial principles (from the
     edition's front-matter TEI, $front-doc), the conventions of the print edition, and the list of
     sigla and witnesses (from the documents' listWit). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">

  <xsl:import href="escape.xsl"/>

  <xsl:template name="edition-title">
    <xsl:variable name="titles" select="$front-doc/tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title"/>
    <xsl:choose>
      <xsl:when test="$titles">
        <xsl:call-template name="tex-line"><xsl:with-param name="s" select="($titles[@type = 'main'] | $titles)[1]"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="normalize-space($imprint-title)">
        <xsl:call-template name="tex-line"><xsl:with-param name="s" select="$imprint-title"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>Documents</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The PDF's author: the front matter's editors, else the edition's authors and editors -->
  <xsl:template name="edition-editors">
    <xsl:variable name="editors" select="$front-doc/tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:editor"/>
    <xsl:choose>
      <xsl:when test="$editors">
        <xsl:for-each select="$editors">
          <xsl:call-template name="tex-line"><xsl:with-param name="s" select="."/></xsl:call-template>
          <xsl:if test="position() != last()"><xsl:text>, </xsl:text></xsl:if>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="imprint-lines">
          <xsl:with-param name="s" select="concat($imprint-authors, '&#10;', $imprint-editors)"/>
          <!-- a name may hold a comma ("Adam, Robert") -->
          <xsl:with-param name="between" select="'; '"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The names of an imprint list (one a line), escaped, parted by $between (empty lines skipped) -->
  <xsl:template name="imprint-lines">
    <xsl:param name="s"/>
    <xsl:param name="between"/>
    <xsl:param name="done" select="false()"/>
    <xsl:variable name="name" select="normalize-space(substring-before(concat($s, '&#10;'), '&#10;'))"/>
    <xsl:variable name="rest" select="substring-after($s, '&#10;')"/>
    <xsl:if test="$name">
      <xsl:if test="$done"><xsl:value-of select="$between"/></xsl:if>
      <xsl:call-template name="tex-line"><xsl:with-param name="s" select="$name"/></xsl:call-template>
    </xsl:if>
    <xsl:if test="normalize-space($rest)">
      <xsl:call-template name="imprint-lines">
        <xsl:with-param name="s" select="$rest"/>
        <xsl:with-param name="between" select="$between"/>
        <xsl:with-param name="done" select="$done or boolean($name)"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="title-page">
    <xsl:variable name="header" select="$front-doc/tei:TEI/tei:teiHeader/tei:fileDesc"/>
    <xsl:text>\begin{titlepage}\centering&#10;\vspace*{25mm}&#10;{\Huge </xsl:text>
    <xsl:call-template name="edition-title"/>
    <xsl:text>\par}&#10;\vspace{8mm}&#10;</xsl:text>
    <xsl:for-each select="$header/tei:titleStmt/tei:title[@type = 'sub']">
      <xsl:text>{\Large\itshape </xsl:text>
      <xsl:call-template name="tex-line"><xsl:with-param name="s" select="."/></xsl:call-template>
      <xsl:text>\par}&#10;\vspace{4mm}&#10;</xsl:text>
    </xsl:for-each>
    <!-- the authors of an edition the front matter does not name (a user's own TEI) -->
    <xsl:if test="not($header/tei:titleStmt/tei:title) and normalize-space($imprint-authors)">
      <xsl:text>{\Large </xsl:text>
      <xsl:call-template name="imprint-lines">
        <xsl:with-param name="s" select="$imprint-authors"/>
        <xsl:with-param name="between" select="'\par&#10;'"/>
      </xsl:call-template>
      <xsl:text>\par}&#10;\vspace{4mm}&#10;</xsl:text>
    </xsl:if>
    <xsl:text>\vspace{10mm}&#10;{\large A critical edition of </xsl:text>
    <xsl:value-of select="count($documents)"/>
    <xsl:text> document</xsl:text><xsl:if test="count($documents) != 1">s</xsl:if>
    <xsl:text>\par}&#10;\vspace{20mm}&#10;</xsl:text>
    <xsl:choose>
      <xsl:when test="$header/tei:titleStmt/tei:editor">
        <xsl:text>{\large Edited by\par\vspace{2mm}&#10;</xsl:text>
        <xsl:for-each select="$header/tei:titleStmt/tei:editor">
          <xsl:call-template name="tex-line"><xsl:with-param name="s" select="."/></xsl:call-template>
          <xsl:text>\par&#10;</xsl:text>
        </xsl:for-each>
        <xsl:text>}&#10;</xsl:text>
      </xsl:when>
      <xsl:when test="normalize-space($imprint-editors)">
        <xsl:text>{\large Edited by\par\vspace{2mm}&#10;</xsl:text>
        <xsl:call-template name="imprint-lines">
          <xsl:with-param name="s" select="$imprint-editors"/>
          <xsl:with-param name="between" select="'\par&#10;'"/>
        </xsl:call-template>
        <xsl:text>\par&#10;}&#10;</xsl:text>
      </xsl:when>
    </xsl:choose>
    <xsl:text>\vfill&#10;{\small </xsl:text>
    <xsl:choose>
      <xsl:when test="$header/tei:publicationStmt">
        <xsl:for-each select="$header/tei:publicationStmt/tei:publisher | $header/tei:publicationStmt/tei:date
                              | $header/tei:publicationStmt/tei:availability">
          <xsl:call-template name="tex-line"><xsl:with-param name="s" select="."/></xsl:call-template>
          <xsl:text>\par&#10;</xsl:text>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:if test="normalize-space($imprint-publication)">
          <xsl:call-template name="tex-line"><xsl:with-param name="s" select="$imprint-publication"/></xsl:call-template>
          <xsl:text>\par&#10;</xsl:text>
        </xsl:if>
        <xsl:if test="normalize-space($imprint-licence)">
          <xsl:call-template name="tex-line"><xsl:with-param name="s" select="$imprint-licence"/></xsl:call-template>
          <xsl:text>\par&#10;</xsl:text>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>Typeset with XeLaTeX and reledmac from the edition's TEI~P5 files.\par}&#10;</xsl:text>
    <xsl:text>\end{titlepage}&#10;</xsl:text>
  </xsl:template>

  <!-- The introduction and editorial principles: each div of the front matter is a chapter -->
  <xsl:template name="introduction">
    <xsl:for-each select="$front-doc/tei:TEI/tei:text/tei:front/tei:div">
      <xsl:variable name="head">
        <xsl:call-template name="tex-line"><xsl:with-param name="s" select="tei:head[1]"/></xsl:call-template>
      </xsl:variable>
      <xsl:text>&#10;\chapter*{</xsl:text><xsl:value-of select="$head"/><xsl:text>}&#10;</xsl:text>
      <xsl:text>\addcontentsline{toc}{chapter}{</xsl:text><xsl:value-of select="$head"/><xsl:text>}&#10;</xsl:text>
      <xsl:text>\edsetrunninghead{</xsl:text><xsl:value-of select="$head"/><xsl:text>}&#10;</xsl:text>
      <xsl:apply-templates select="*[not(self::tei:head)]" mode="prose"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:div" mode="prose">
    <xsl:text>&#10;\section*{</xsl:text>
    <xsl:call-template name="tex-line"><xsl:with-param name="s" select="tei:head[1]"/></xsl:call-template>
    <xsl:text>}&#10;</xsl:text>
    <xsl:apply-templates select="*[not(self::tei:head)]" mode="prose"/>
  </xsl:template>
  <xsl:template match="tei:p" mode="prose">
    <xsl:text>&#10;</xsl:text><xsl:apply-templates mode="prose"/><xsl:text>&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="tei:list" mode="prose">
    <xsl:text>&#10;\begin{itemize}&#10;</xsl:text>
    <xsl:for-each select="tei:item">
      <xsl:text>\item </xsl:text><xsl:apply-templates mode="prose"/><xsl:text>&#10;</xsl:text>
    </xsl:for-each>
    <xsl:text>\end{itemize}&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="tei:list[@type = 'gloss']" mode="prose">
    <xsl:text>&#10;\begin{description}&#10;</xsl:text>
    <xsl:for-each select="tei:label">
      <xsl:text>\item[</xsl:text><xsl:apply-templates mode="prose"/><xsl:text>] </xsl:text>
      <xsl:apply-templates select="following-sibling::tei:item[1]" mode="prose"/><xsl:text>&#10;</xsl:text>
    </xsl:for-each>
    <xsl:text>\end{description}&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="tei:hi | tei:emph | tei:title | tei:foreign | tei:mentioned" mode="prose">
    <xsl:text>\emph{</xsl:text><xsl:apply-templates mode="prose"/><xsl:text>}</xsl:text>
  </xsl:template>
  <xsl:template match="tei:q | tei:quote" mode="prose">
    <xsl:text>“</xsl:text><xsl:apply-templates mode="prose"/><xsl:text>”</xsl:text>
  </xsl:template>
  <xsl:template match="tei:ref[@target]" mode="prose">
    <xsl:apply-templates mode="prose"/>
    <xsl:if test="normalize-space(.) != normalize-space(@target)">
      <xsl:text> (\texttt{\small </xsl:text>
      <xsl:call-template name="tex-url"><xsl:with-param name="s" select="normalize-space(@target)"/></xsl:call-template>
      <xsl:text>})</xsl:text>
    </xsl:if>
  </xsl:template>
  <xsl:template match="*" mode="prose"><xsl:apply-templates mode="prose"/></xsl:template>
  <xsl:template match="text()" mode="prose">
    <xsl:call-template name="tex"><xsl:with-param name="s" select="."/></xsl:call-template>
  </xsl:template>

  <!-- How to read the print edition: generated, so it always matches what the stylesheets do -->
  <xsl:template name="conventions">
    <xsl:text><![CDATA[
\chapter*{How to read this edition}
\addcontentsline{toc}{chapter}{How to read this edition}
\edsetrunninghead{How to read this edition}
Each document begins on a new page with its number, date, place, type and title, followed by a
note on its source: the archive and collection that hold it, container and file number, its
security classification, where it was published, and its witnesses. The text follows with its
lines numbered in the inner margin; page breaks of the original are marked in the text with a
vertical bar (\textbar) and in the outer margin with the page number (p.\,2).

At the foot of the page, keyed to line numbers, stand three series of notes:
\begin{description}
\item[\textsc{var.}] variant readings: the reading of the text (the lemma), a bracket, the witnesses that have it
  (\edresp{ed.} where the editors adopt it against the copy-text),
  then each other reading followed by the sigla of its witnesses (\edom{} = omitted).
\item[\textsc{ed.}] editorial interventions: misreadings of the transcription corrected by the
  editors (\edcorr{} the reading of the source; \edconj{} where the correction is a conjecture),
  readings kept as they stand (\edsic), passages \edstruck{} or deleted in the original, shown in
  the text in double brackets \eddel{…}, words added above the line or in the margin, and gaps in
  the text, \edgap{}, with their reason (redacted, illegible, signature); words and stops the
  editors supply, \edsupplied{…}, and those they judge surplus, \edsurplus{…}.
\item[\textsc{notes}] the documents' own footnotes, under the mark they have in the original.
\end{description}
Docket marks, stamps, handwritten notes and the archive's page furniture are printed in small
type where they stand, under a label in small capitals. Glosses that the archive added to a
name are printed in square brackets in italics. The indexes of persons and places give for each
mention the page and the line (\emph{page.line}); each entry names the person or place as the
register of the edition does, with life dates, offices, place type, variant spellings and
coordinates.
]]></xsl:text>
  </xsl:template>

  <xsl:template name="sigla">
    <xsl:if test="$documents//tei:listWit/tei:witness">
      <xsl:text>&#10;\chapter*{Sigla and witnesses}&#10;\addcontentsline{toc}{chapter}{Sigla and witnesses}&#10;</xsl:text>
      <xsl:text>\edsetrunninghead{Sigla and witnesses}&#10;</xsl:text>
      <xsl:for-each select="$documents[.//tei:listWit/tei:witness]">
        <xsl:text>\section*{Document </xsl:text>
        <xsl:value-of select="count(preceding-sibling::tei:TEI) + 1"/>
        <xsl:text>: </xsl:text>
        <xsl:call-template name="document-date"/><xsl:text>, \emph{</xsl:text>
        <xsl:call-template name="document-title"/>
        <xsl:text>}}&#10;\begin{description}&#10;</xsl:text>
        <xsl:for-each select=".//tei:listWit/tei:witness">
          <xsl:text>\edwitness{</xsl:text>
          <xsl:call-template name="tex-line"><xsl:with-param name="s"><xsl:call-template name="witness-siglum"><xsl:with-param name="witness" select="."/></xsl:call-template></xsl:with-param></xsl:call-template>
          <xsl:text>}{</xsl:text>
          <xsl:call-template name="tex-line"><xsl:with-param name="s"><xsl:call-template name="witness-description"/></xsl:with-param></xsl:call-template>
          <xsl:text>}&#10;</xsl:text>
        </xsl:for-each>
        <xsl:text>\end{description}&#10;</xsl:text>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
