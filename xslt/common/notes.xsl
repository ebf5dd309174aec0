<?xml version="1.0" encoding="UTF-8"?>
<!-- Shared layer: notes, gaps and editorial interventions. Format-neutral. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns:num="urn:editio:numbering" exclude-result-prefixes="tei num">

  <!-- "foot": a footnote at its anchor (numbered, or a gloss);
       "block": archive furniture kept in place (docket, stamp, handwritten notes) -->
  <xsl:template name="note-kind">
    <xsl:param name="note" select="."/>
    <xsl:choose>
      <xsl:when test="$note/@type = 'docket' or $note/@type = 'stamp' or $note/@type = 'handwritten'
                      or $note/@place = 'top' or $note/@place = 'bottom' or $note/@place = 'margin'">block</xsl:when>
      <xsl:otherwise>foot</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The footnote's mark: its own @n, else its position among the document's footnotes -->
  <xsl:template name="note-mark">
    <xsl:param name="note" select="."/>
    <xsl:choose>
      <xsl:when test="$note/@n"><xsl:value-of select="$note/@n"/></xsl:when>
      <xsl:otherwise>
        <!-- unnumbered notes: glosses lettered a, b, …; other notes numbered after the numbered ones -->
        <xsl:for-each select="$note">
          <xsl:choose>
            <xsl:when test="@type = 'gloss'">
              <xsl:variable name="num"><xsl:call-template name="num:number-of"><xsl:with-param name="index" select="$num:glosses"/></xsl:call-template></xsl:variable>
              <xsl:choose>
                <xsl:when test="string($num)"><xsl:number value="$num" format="a"/></xsl:when>
                <xsl:otherwise><xsl:number level="any" count="tei:note[@type = 'gloss'][not(@n)]" from="tei:text" format="a"/></xsl:otherwise>
              </xsl:choose>
            </xsl:when>
            <xsl:otherwise>
              <xsl:variable name="num"><xsl:call-template name="num:number-of"><xsl:with-param name="index" select="$num:footnotes"/></xsl:call-template></xsl:variable>
              <xsl:choose><xsl:when test="string($num)"><xsl:value-of select="$num"/></xsl:when><xsl:otherwise><xsl:number level="any" count="tei:note[not(@type = 'docket' or @type = 'stamp' or @type = 'handwritten'
                      or @type = 'gloss' or @place = 'top' or @place = 'bottom' or @place = 'margin')]" from="tei:text"/></xsl:otherwise></xsl:choose>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Label of a note block or a footnote's kind -->
  <xsl:template name="note-label">
    <xsl:param name="note" select="."/>
    <xsl:choose>
      <xsl:when test="$note/@type = 'docket'">Docket</xsl:when>
      <xsl:when test="$note/@type = 'stamp'">Stamp</xsl:when>
      <xsl:when test="$note/@type = 'handwritten'">Handwritten note</xsl:when>
      <xsl:when test="$note/@type = 'gloss'">Archive's gloss</xsl:when>
      <xsl:when test="$note/@place = 'margin' or starts-with($note/@place, 'margin-')">Margin note</xsl:when>
      <xsl:otherwise>Note</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What a gap stands for: "redacted, 6 characters", "illegible", "signature" -->
  <xsl:template name="gap-label">
    <xsl:param name="gap" select="."/>
    <xsl:choose>
      <xsl:when test="$gap/@reason"><xsl:value-of select="translate($gap/@reason, '-_', '  ')"/></xsl:when>
      <xsl:otherwise>omitted</xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$gap/@extent and not($gap/@quantity)">
      <xsl:text>, </xsl:text><xsl:value-of select="normalize-space($gap/@extent)"/>
    </xsl:if>
    <xsl:if test="$gap/@quantity">
      <xsl:text>, </xsl:text><xsl:value-of select="$gap/@quantity"/>
      <xsl:text> </xsl:text>
      <xsl:choose>
        <xsl:when test="$gap/@unit = 'chars'">characters</xsl:when>
        <xsl:when test="$gap/@unit"><xsl:value-of select="$gap/@unit"/></xsl:when>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- A safe token for class names: letters, digits and hyphens only -->
  <xsl:template name="token">
    <xsl:param name="value"/>
    <xsl:value-of select="translate(normalize-space($value),
      translate(normalize-space($value), 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-', ''), '')"/>
  </xsl:template>
</xsl:stylesheet>
