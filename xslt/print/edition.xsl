<?xml version="1.0" encoding="UTF-8"?>
<!-- Print layer, entry point: a teiCorpus of the edition's documents -> one XeLaTeX/reledmac file.
     Parameters: register = URI of tei/register/register.xml; front = URI of a TEI file whose
     titleStmt names the edition and whose <front> holds the introduction and editorial principles;
     imprint-* = the edition's title, authors, editors, publisher and licence where front names none.
     Every element of a document's text is preceded by a "%@src LINE NAME" comment (its line in
     the TEI file), and every document by "%@doc FILE", so a TeX error can be traced back to the
     TEI element that caused it (see editio.texrun). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns:src="urn:editio:source"
  exclude-result-prefixes="tei src">

  <xsl:import href="../common/dates.xsl"/>
  <xsl:import href="preamble.xsl"/>
  <xsl:import href="text.xsl"/>
  <xsl:import href="header.xsl"/>
  <xsl:import href="front.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="front" select="''"/>
  <!-- The edition's imprint where the front matter names none (editio.imprint: edition.toml's
       values, else the documents' own teiHeaders); lists hold one name a line -->
  <xsl:param name="imprint-title" select="''"/>
  <xsl:param name="imprint-authors" select="''"/>
  <xsl:param name="imprint-editors" select="''"/>
  <xsl:param name="imprint-publication" select="''"/>
  <xsl:param name="imprint-licence" select="''"/>
  <xsl:variable name="front-doc" select="document($front)"/>
  <xsl:variable name="documents" select="/tei:teiCorpus/tei:TEI"/>

  <xsl:template match="/">
    <xsl:variable name="title">
      <xsl:call-template name="edition-title"/>
    </xsl:variable>
    <xsl:call-template name="preamble">
      <xsl:with-param name="pdf-title" select="$title"/>
      <xsl:with-param name="pdf-author">
        <xsl:call-template name="edition-editors"/>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:text>&#10;\begin{document}&#10;\pagenumbering{arabic}&#10;</xsl:text>
    <xsl:text>%@part front matter&#10;</xsl:text>
    <xsl:call-template name="title-page"/>
    <xsl:text>\edsetrunninghead{Contents}&#10;\tableofcontents&#10;\clearpage&#10;</xsl:text>
    <xsl:call-template name="introduction"/>
    <xsl:call-template name="conventions"/>
    <xsl:call-template name="sigla"/>
    <xsl:text>\cleardoublepage&#10;\edsetrunninghead{Documents}&#10;</xsl:text>
    <xsl:text>\addcontentsline{toc}{chapter}{Documents}&#10;</xsl:text>
    <xsl:apply-templates select="$documents" mode="document"/>
    <xsl:text>&#10;%@part indexes&#10;\clearpage&#10;</xsl:text>
    <xsl:text>\edsetrunninghead{Index of persons}&#10;\printindex[persons]&#10;</xsl:text>
    <xsl:text>\edsetrunninghead{Index of places}&#10;\printindex[places]&#10;</xsl:text>
    <xsl:text>\end{document}&#10;</xsl:text>
  </xsl:template>

  <!-- One document: heading, source note, numbered text -->
  <xsl:template match="tei:TEI" mode="document">
    <xsl:variable name="n" select="position()"/>
    <xsl:variable name="date"><xsl:call-template name="document-date"/></xsl:variable>
    <xsl:variable name="title"><xsl:call-template name="document-title"/></xsl:variable>
    <xsl:text>&#10;%@doc </xsl:text><xsl:value-of select="translate(@src:file, '&#10;&#13;', '  ')"/>
    <xsl:text>&#10;\clearpage&#10;\edsetrunninghead{</xsl:text>
    <xsl:value-of select="$date"/><xsl:text> — </xsl:text>
    <xsl:call-template name="document-title"><xsl:with-param name="max" select="48"/></xsl:call-template>
    <xsl:text>}&#10;\label{</xsl:text><xsl:call-template name="doc-label"/><xsl:text>}&#10;</xsl:text>
    <xsl:text>\addcontentsline{toc}{section}{</xsl:text>
    <xsl:value-of select="$n"/><xsl:text>.\enspace </xsl:text>
    <xsl:value-of select="$date"/><xsl:text>: </xsl:text><xsl:value-of select="$title"/>
    <xsl:text>}&#10;\eddocheading{</xsl:text><xsl:value-of select="$n"/>
    <xsl:text>}{</xsl:text><xsl:value-of select="$date"/>
    <xsl:text>}{</xsl:text><xsl:call-template name="document-place"/>
    <xsl:text>}{</xsl:text><xsl:call-template name="document-type"/>
    <xsl:text>}{</xsl:text><xsl:value-of select="$title"/>
    <xsl:text>}&#10;</xsl:text>
    <xsl:call-template name="source-note"/>
    <xsl:choose>
      <xsl:when test="normalize-space(tei:text)">
        <xsl:text>\beginnumbering&#10;</xsl:text>
        <xsl:apply-templates select="tei:text/tei:front | tei:text/tei:body | tei:text/tei:group | tei:text/tei:back"/>
        <xsl:for-each select="tei:text"><xsl:call-template name="last-page-breaks"/></xsl:for-each>
        <xsl:text>&#10;\endnumbering&#10;</xsl:text>
      </xsl:when>
      <!-- a document without words (an empty text): reledmac cannot number nothing -->
      <xsl:otherwise><xsl:text>\noindent\textit{This document has no text.}\par&#10;</xsl:text></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Source position of every element of the text, for error reports (see the header comment).
       A space the element's content starts with is put before the comment, where TeX keeps it. -->
  <xsl:template match="tei:text//*">
    <xsl:if test="@src:line">
      <xsl:if test="translate(substring(string(.), 1, 1), '&#9;&#10;&#13;', '   ') = ' '">
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:text>%@src </xsl:text>
      <xsl:value-of select="@src:line"/><xsl:text> </xsl:text><xsl:value-of select="local-name()"/>
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
    <xsl:apply-imports/>
  </xsl:template>
</xsl:stylesheet>
