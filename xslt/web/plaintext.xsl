<?xml version="1.0" encoding="UTF-8"?>
<!-- The reading text of a document as plain text (the web edition's .txt download).
     $plain-wit: the witness to read (its xml:id); empty: the first reading of each variant. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">

  <xsl:import href="../common/core.xsl"/>
  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/">
    <xsl:call-template name="main-title"><xsl:with-param name="tei" select="/tei:TEI"/></xsl:call-template>
    <xsl:text>&#10;</xsl:text>
    <xsl:for-each select="/tei:TEI/tei:text/tei:body//tei:div/*[not(self::tei:div)]">
      <xsl:variable name="line"><xsl:apply-templates select="." mode="plain"/></xsl:variable>
      <xsl:if test="normalize-space($line)">
        <xsl:text>&#10;</xsl:text><xsl:value-of select="normalize-space($line)"/><xsl:text>&#10;</xsl:text>
      </xsl:if>
    </xsl:for-each>
    <xsl:variable name="notes" select="/tei:TEI/tei:text//tei:note[@place = 'foot' or @type = 'gloss' or (not(@type) and not(@place))]"/>
    <xsl:if test="$notes">
      <xsl:text>&#10;Notes&#10;</xsl:text>
      <xsl:for-each select="$notes">
        <xsl:text>[</xsl:text><xsl:call-template name="note-mark"/><xsl:text>] </xsl:text>
        <xsl:variable name="body"><xsl:apply-templates mode="plain"/></xsl:variable>
        <xsl:value-of select="normalize-space($body)"/><xsl:text>&#10;</xsl:text>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
