<?xml version="1.0" encoding="UTF-8"?>
<!-- Shared layer: names and their register entries. Format-neutral: returns text, never markup. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">

  <!-- The register, as a document() URI; the caller passes it (empty: no register). -->
  <xsl:param name="register" select="''"/>
  <xsl:variable name="register-doc" select="document($register)"/>
  <!-- entries are looked up by key inside the register (one index, built once), not by scanning it
       for every name; declared here, so the module works imported on its own -->
  <xsl:key name="register-entry" match="*[@xml:id]" use="@xml:id"/>

  <!-- "register/register.xml#stalin" or "#stalin" -> "stalin" -->
  <xsl:template name="entity-id">
    <xsl:param name="ref" select="@ref"/>
    <xsl:choose>
      <xsl:when test="contains($ref, '#')"><xsl:value-of select="substring-after($ref, '#')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$ref"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- person | place | org for a name element or a register entry -->
  <xsl:template name="entity-kind">
    <xsl:param name="node" select="."/>
    <xsl:choose>
      <!-- rs type="person": a reference by office ("the President"), to a person all the same -->
      <xsl:when test="$node/self::tei:persName or $node/self::tei:person or $node/self::tei:rs[@type = 'person']">person</xsl:when>
      <xsl:when test="$node/self::tei:placeName or $node/self::tei:geogName or $node/self::tei:place">place</xsl:when>
      <xsl:when test="$node/self::tei:orgName or $node/self::tei:org">org</xsl:when>
      <!-- a reference by office or description: its @type, else the kind of the entry it points to -->
      <xsl:when test="$node/self::tei:rs[@type = 'person' or @type = 'place' or @type = 'org']"><xsl:value-of select="$node/@type"/></xsl:when>
      <xsl:when test="$node/self::tei:rs[@ref]">
        <xsl:variable name="id"><xsl:call-template name="entity-id"><xsl:with-param name="ref" select="$node/@ref"/></xsl:call-template></xsl:variable>
        <xsl:for-each select="$register-doc">
          <xsl:variable name="entry" select="key('register-entry', string($id))[self::tei:person or self::tei:place or self::tei:org]"/>
          <xsl:if test="$entry"><xsl:call-template name="entity-kind"><xsl:with-param name="node" select="$entry[1]"/></xsl:call-template></xsl:if>
        </xsl:for-each>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- "1" when the id names an entry of the register, "" otherwise -->
  <xsl:template name="entity-known">
    <xsl:param name="id"/>
    <xsl:if test="string($id)">
      <xsl:for-each select="$register-doc">
        <xsl:if test="key('register-entry', string($id))[self::tei:person or self::tei:place or self::tei:org]">1</xsl:if>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- The entry's canonical name -->
  <xsl:template name="entity-name">
    <xsl:param name="id"/>
    <xsl:for-each select="$register-doc">
      <xsl:variable name="entry" select="key('register-entry', string($id))"/>
      <xsl:variable name="names" select="$entry/tei:persName | $entry/tei:placeName | $entry/tei:orgName"/>
      <xsl:choose>
        <xsl:when test="$names[@type = 'main']"><xsl:value-of select="normalize-space($names[@type = 'main'][1])"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="normalize-space($names[1])"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
